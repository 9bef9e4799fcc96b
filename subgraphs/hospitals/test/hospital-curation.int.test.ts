import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHospitals } from '../src/modules/hospital/hospital.importer.ts';
import { HOSPITALS_2023, startHospitals, type HospitalsUnderTest } from './support/hospitals-under-test.ts';

// An operator confirming or correcting a hospital's 24-hour status, as the app's operator screen would call it.
const MEI = '322000001020220002'; // 동물치과병원메이: no "24" in its name
const DOCTOR_24 = '322000001020170006'; // 24시SNC동물메디컬센터: "24" in its name
const operator = { userId: randomUUID(), roles: ['OPERATOR' as const] };
const plainUser = { userId: randomUUID() };
let api: HospitalsUnderTest;
let scratch: string;

const CONFIRM = `mutation ($id: ID!, $h24: Boolean!, $note: String!) {
  confirmHospital24Hours(id: $id, open24Hours: $h24, note: $note) { id open24Hours open24HoursSource open24HoursConfirmed open24HoursNote open24HoursConfirmedAt }
}`;
const confirm = (id: string, h24: boolean, note: string, caller?: { userId: string; roles?: 'OPERATOR'[] }) => api.call(CONFIRM, { id, h24, note }, caller);
const row = async (id: string) =>
  (await api.sql('select open_24_hours, open_24_hours_source, open_24_hours_note, name, phone from hospital where id = ?', [id]))[0];
const reviews = async () => (await api.sql<{ n: number }>('select count(*)::int as n from hospital_24_hours_review'))[0]!.n;
const allDayNearGangnam = async () =>
  (await api.call(`{ hospitalsNear(latitude: 37.4979, longitude: 127.0276, radiusMeters: 3000, first: 100, open24HoursOnly: true) { hospital { id } } }`))
    .data.hospitalsNear.map((n: any) => n.hospital.id);

beforeAll(async () => {
  api = await startHospitals([HOSPITALS_2023]);
  scratch = await mkdtemp(join(tmpdir(), 'hospitals-curation-'));
}, 120_000);

afterAll(async () => {
  await api?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('confirmHospital24Hours', () => {
  it('is refused to anonymous callers and to plain users, writing nothing', async () => {
    const before = await row(MEI);
    expect((await confirm(MEI, true, 'phoned')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forbidden = await confirm(MEI, true, 'phoned', plainUser);
    expect(forbidden.status).toBe(200);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await row(MEI)).toEqual(before);
    expect(await reviews()).toBe(0);
  });

  it('lets an operator confirm a hospital as 24-hour, with the note, and lists it among 24-hour ones', async () => {
    expect(await allDayNearGangnam()).not.toContain(MEI);
    const res = await confirm(MEI, true, '  2026-12-01 전화 확인: 야간 진료 상시  ', operator);
    expect(res.errors).toBeUndefined();
    expect(res.data.confirmHospital24Hours).toMatchObject({
      id: MEI,
      open24Hours: true,
      open24HoursSource: 'OPERATOR',
      open24HoursConfirmed: true,
      open24HoursNote: '2026-12-01 전화 확인: 야간 진료 상시',
    });
    expect(res.data.confirmHospital24Hours.open24HoursConfirmedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await allDayNearGangnam()).toContain(MEI);
    expect(await api.sql('select hospital_id, open_24_hours, operator_id from hospital_24_hours_review')).toEqual([
      { hospital_id: MEI, open_24_hours: true, operator_id: operator.userId },
    ]);
    expect(await api.sql('select count(*)::int as n from outbox_event')).toEqual([{ n: 0 }]);
  });

  it('lets an operator correct the name signal: a "24" in the name that is not 24-hour service', async () => {
    expect(await allDayNearGangnam()).toContain(DOCTOR_24);
    const res = await confirm(DOCTOR_24, false, 'closes at 22:00 since 2026-11 (website)', operator);
    expect(res.data.confirmHospital24Hours).toMatchObject({ open24Hours: false, open24HoursSource: 'OPERATOR', open24HoursConfirmed: true });
    expect(await allDayNearGangnam()).not.toContain(DOCTOR_24);
  });

  it('keeps both decisions through every later import, even one that changes those licences', async () => {
    expect(await importHospitals(api.service.orm.em, HOSPITALS_2023)).toMatchObject({ inserted: 0, updated: 0 });
    // a newer partial export renaming both licences and changing a phone
    const newer = join(scratch, 'newer-partial.csv');
    await writeFile(newer, [
      '"관리번호","사업장명","영업상태구분코드","최종수정시점","소재지전화","좌표정보x(epsg5174)","좌표정보y(epsg5174)"',
      `"${MEI}","동물치과병원메이 역삼","01","2026-11-30 09:00:00","02-000-1111","202780.126797022","443740.045139197"`,
      `"${DOCTOR_24}","24시SNC동물메디컬센터 본점","01","2026-11-30 09:00:00","02-562-7582","203372.036181772","443416.98476"`,
    ].join('\n'));
    expect(await importHospitals(api.service.orm.em, newer, { fullExport: false })).toMatchObject({ read: 2, updated: 2, rejected: 0 });
    expect(await row(MEI)).toMatchObject({ name: '동물치과병원메이 역삼', phone: '02-000-1111', open_24_hours: true, open_24_hours_source: 'OPERATOR' });
    expect(await row(DOCTOR_24)).toMatchObject({ name: '24시SNC동물메디컬센터 본점', open_24_hours: false, open_24_hours_source: 'OPERATOR' });
  });

  it('checks the note and the licence', async () => {
    const cases: [string, string, string][] = [
      [MEI, '   ', 'note'],
      [MEI, 'x'.repeat(501), 'note'],
      [MEI, 'phoned\u0000', 'note'],
    ];
    for (const [id, note, field] of cases) {
      expect((await confirm(id, true, note, operator)).errors?.[0]?.extensions, note.slice(0, 10)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect((await confirm('no-such-licence', true, 'phoned', operator)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await reviews()).toBe(2);
  });
});
