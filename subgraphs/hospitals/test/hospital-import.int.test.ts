import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger, openDatabase } from '@petcare/service-kit';
import { dropTestDatabase, testDatabaseUrl } from '@petcare/service-kit/testing';
import { importHospitals } from '../src/modules/hospital/hospital.importer.ts';
import { database } from '../src/database.ts';

// An older-style dump (CP949, YYYYMMDD dates, 좌표정보(x), trailing commas): ten real licences from the
// 2023-07 file, then six broken rows on lines 12..17. The UTF-8 (BOM) one is a newer export of the same ten
// licences, with the projection in the coordinate headers and three licences changed.
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const CP949_FILE = fixture('localdata-hospitals-cp949.csv');
const UTF8_BOM_FILE = fixture('localdata-hospitals-utf8-bom.csv');

const databaseUrl = testDatabaseUrl('hospitals');
let orm: MikroORM;
let scratch: string;

const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => orm.em.getConnection().execute<T[]>(query, params);
const hospital = async (id: string) =>
  (await sql(`select name, status, status_code, open_24_hours, phone, licensed_at, closed_at, updated_at,
    st_y(location::geometry) as latitude, st_x(location::geometry) as longitude from hospital where id = ?`, [id]))[0];
const snapshot = async () => sql<{ id: string; name: string; status: string; phone: string | null; updated_at: string }>(
  'select id, name, status, phone, updated_at from hospital order by id',
);

beforeAll(async () => {
  orm = await openDatabase({ url: databaseUrl, ...database, log: createLogger('hospitals', 'silent') });
  scratch = await mkdtemp(join(tmpdir(), 'hospitals-import-'));
});

afterAll(async () => {
  await orm?.close();
  await dropTestDatabase(databaseUrl);
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('importHospitals', () => {
  it('imports a CP949 dump, keeping good rows and reporting bad ones by line', async () => {
    const summary = await importHospitals(orm.em, CP949_FILE);
    expect(summary).toMatchObject({
      encoding: 'cp949',
      rowsRead: 16,
      upserted: 13,
      inserted: 13,
      updated: 0,
      skipped: 3,
      withoutCoordinates: 3,
      outsideKorea: 1,
      unparsableCoordinates: 1,
    });
    const lines = Object.fromEntries(summary.problems.map((p) => [p.reason, p.examples.map((e) => e.line)]));
    expect(lines).toEqual({
      'no 관리번호: skipped': [12],
      'unparsable coordinates: stored without location': [13],
      'coordinates outside Korea: stored without location': [14],
      'unparsable 인허가일자: stored as null': [15],
      'duplicate 관리번호: skipped': [16],
      'unknown 영업상태구분코드: skipped': [17],
    });
    expect(summary.problems.find((p) => p.reason.startsWith('duplicate'))?.examples[0]?.detail).toBe('관리번호 322000001020220002 already on line 3');

    expect(await sql('select count(*)::int as n from hospital')).toEqual([{ n: 13 }]);
    expect(await hospital('322000001020220002')).toMatchObject({
      name: '동물치과병원메이', status: 'OPEN', status_code: '01', open_24_hours: false, licensed_at: '2022-04-27', closed_at: null,
    });
    const meiLocation = await hospital('322000001020220002');
    expect(meiLocation?.['latitude']).toBeCloseTo(37.49586, 4);
    expect(meiLocation?.['longitude']).toBeCloseTo(127.03223, 4);
    expect(await hospital('322000001020130004')).toMatchObject({ name: '24시 닥터멍 동물병원', status: 'CLOSED', open_24_hours: true, closed_at: '2021-04-28' });
    expect(await hospital('345000001020050002')).toMatchObject({ status: 'SUSPENDED', status_code: '02' });
    expect(await hospital('651000001020190001')).toMatchObject({ status: 'REVOKED', status_code: '04' });
    // Jeju: a negative northing is a real place.
    expect((await hospital('651000001020190002'))?.['latitude']).toBeCloseTo(33.48, 1);
    expect(await hospital('512000001019950002')).toMatchObject({ latitude: null, longitude: null });
    expect(await hospital('FIXTURE-FAR')).toMatchObject({ latitude: null });
    expect(await hospital('FIXTURE-BADDATE')).toMatchObject({ name: '2424동물병원', open_24_hours: false, licensed_at: null });
  });

  it('re-importing the same file changes nothing', async () => {
    const before = await snapshot();
    const summary = await importHospitals(orm.em, CP949_FILE);
    expect(summary).toMatchObject({ rowsRead: 16, upserted: 13, inserted: 0, updated: 0, unchanged: 13 });
    expect(await snapshot()).toEqual(before);
  });

  it('takes a newer UTF-8 (BOM) export as updates of the same licences, not new ones', async () => {
    const before = new Map((await snapshot()).map((r) => [r.id, r]));
    const summary = await importHospitals(orm.em, UTF8_BOM_FILE);
    expect(summary).toMatchObject({ encoding: 'utf8', rowsRead: 10, inserted: 0, updated: 3, unchanged: 7, skipped: 0, problems: [] });
    expect(await sql('select count(*)::int as n from hospital')).toEqual([{ n: 13 }]);

    expect(await hospital('322000001020220002')).toMatchObject({ phone: '02-555-0101' });
    expect(await hospital('321000001020190003')).toMatchObject({ status: 'CLOSED', status_code: '03', closed_at: '2023-08-31' });
    expect(await hospital('322000001020220001')).toMatchObject({ name: '우쭈쭈24시동물메디컬센터 역삼점', open_24_hours: true });

    const changed = (await snapshot()).filter((r) => r.updated_at !== before.get(r.id)?.updated_at).map((r) => r.id);
    expect(changed.sort()).toEqual(['321000001020190003', '322000001020220001', '322000001020220002']);
  });

  it('leaves the previous data intact when a file breaks half-way', async () => {
    const before = await snapshot();
    const broken = join(scratch, 'broken.csv');
    await writeFile(broken, [
      '"관리번호","사업장명","영업상태구분코드","소재지전화",',
      '"322000001020220002","동물치과병원메이","03","02-000-0000",',
      '"NEW-LICENCE","새동물병원","01","",',
      '"BROKEN","닫히지 않은 따옴표,"01","",',
    ].join('\n'));
    await expect(importHospitals(orm.em, broken, { batchSize: 1 })).rejects.toThrow(/quote/i);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a file that is not the hospital register, writing nothing', async () => {
    const before = await snapshot();
    const other = join(scratch, 'other.csv');
    await writeFile(other, '"법정동코드","법정동명","폐지여부"\n"1111010100","서울특별시 종로구 청운동","존재"\n');
    await expect(importHospitals(orm.em, other)).rejects.toThrow('the header has no 관리번호, 사업장명, 영업상태구분코드 column');
    expect(await snapshot()).toEqual(before);
  });
});
