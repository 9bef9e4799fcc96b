import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger, openDatabase } from '@petcare/service-kit';
import { dropTestDatabase, testDatabaseUrl } from '@petcare/service-kit/testing';
import { importHospitals } from '../src/modules/hospital/hospital.importer.ts';
import { database } from '../src/database.ts';

// An older-style dump (CP949, YYYYMMDD dates, 좌표정보(x), trailing commas): ten real licences from the 2023-07 file,
// then six odd rows on lines 12..17. The UTF-8 (BOM) one is a newer export (2023-09) of the ten: three changed, and
// the odd rows gone. The broken-rows one (UTF-8, newer headers) holds a row for each way a row can be unusable.
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const CP949_FILE = fixture('localdata-hospitals-cp949.csv');
const UTF8_BOM_FILE = fixture('localdata-hospitals-utf8-bom.csv');
const BROKEN_ROWS_FILE = fixture('localdata-hospitals-broken-rows.csv');
const NOT_LOCALDATA_FILE = fixture('not-localdata.csv');

const databaseUrl = testDatabaseUrl('hospitals');
let orm: MikroORM;

const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => orm.em.getConnection().execute<T[]>(query, params);
const hospital = async (id: string) =>
  (await sql(`select name, status, status_code, open_24_hours, phone, licensed_at, closed_at, listed, updated_at,
    st_y(location::geometry) as latitude, st_x(location::geometry) as longitude from hospital where id = ?`, [id]))[0];
const snapshot = () => sql('select * from hospital order by id');
const imports = async () => (await sql<{ n: number }>('select count(*)::int as n from hospital_import'))[0]!.n;

beforeAll(async () => {
  orm = await openDatabase({ url: databaseUrl, ...database, log: createLogger('hospitals', 'silent') });
});

afterAll(async () => {
  await orm?.close();
  await dropTestDatabase(databaseUrl);
});

describe('importHospitals', () => {
  it('imports a CP949 dump, rejecting unusable rows by line and keeping the rest', async () => {
    const summary = await importHospitals(orm.em, CP949_FILE);
    expect(summary).toMatchObject({ encoding: 'cp949', read: 16, inserted: 12, updated: 0, unchanged: 0, rejected: 4, delisted: 0, events: 0 });
    expect(summary.rejections).toEqual([
      { line: 12, reason: 'no 관리번호' },
      { line: 13, reason: '관리번호 FIXTURE-BADXY: coordinates are not numbers (좌표정보 x="12a.5", y="443740.0")' },
      { line: 16, reason: '관리번호 322000001020220002: duplicate of line 3' },
      { line: 17, reason: '관리번호 FIXTURE-BADSTATUS: 영업상태구분코드 "09" does not exist (01..04)' },
    ]);
    expect(summary.warnings.map((w) => [w.reason, w.examples.map((e) => e.line)])).toEqual([
      ['coordinates outside Korea: stored without location', [14]],
      ['unparsable 인허가일자: stored as null', [15]],
    ]);

    expect(await sql('select count(*)::int as n from hospital')).toEqual([{ n: 12 }]);
    expect(await hospital('322000001020220002')).toMatchObject({
      name: '동물치과병원메이', status: 'OPEN', status_code: '01', open_24_hours: false, licensed_at: '2022-04-27', closed_at: null, listed: true,
    });
    const mei = await hospital('322000001020220002');
    expect(mei?.['latitude']).toBeCloseTo(37.49586, 4);
    expect(mei?.['longitude']).toBeCloseTo(127.03223, 4);
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
    expect(summary).toMatchObject({ read: 16, inserted: 0, updated: 0, unchanged: 12, rejected: 4, delisted: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('takes a newer UTF-8 (BOM) export as updates of the same licences, and delists what it no longer lists', async () => {
    const before = new Map((await snapshot()).map((r) => [r['id'], r]));
    const summary = await importHospitals(orm.em, UTF8_BOM_FILE);
    expect(summary).toMatchObject({ encoding: 'utf8', read: 10, inserted: 0, updated: 3, unchanged: 7, rejected: 0, delisted: 2, newest: true, events: 1 });
    expect(await sql('select count(*)::int as n from hospital')).toEqual([{ n: 12 }]);

    expect(await hospital('322000001020220002')).toMatchObject({ phone: '02-555-0101' });
    expect(await hospital('321000001020190003')).toMatchObject({ status: 'CLOSED', status_code: '03', closed_at: '2023-08-31' });
    expect(await hospital('322000001020220001')).toMatchObject({ name: '우쭈쭈24시동물메디컬센터 역삼점', open_24_hours: true });
    // Licences the newer export no longer lists stay, with their history, marked as such.
    expect(await hospital('FIXTURE-FAR')).toMatchObject({ listed: false, status: 'OPEN', name: '바다건너동물병원' });
    expect(await hospital('FIXTURE-BADDATE')).toMatchObject({ listed: false });

    const changed = (await snapshot()).filter((r) => String(r['updated_at']) !== String(before.get(r['id'])?.['updated_at'])).map((r) => r['id']);
    expect(changed.sort()).toEqual(['321000001020190003', '322000001020220001', '322000001020220002', 'FIXTURE-BADDATE', 'FIXTURE-FAR']);
  });

  it('imports the older export again without changing anything: its data is older, and it delists nothing', async () => {
    const before = await snapshot();
    const summary = await importHospitals(orm.em, CP949_FILE);
    expect(summary).toMatchObject({ read: 16, inserted: 0, updated: 0, unchanged: 12, delisted: 0, newest: false, events: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('rejects every kind of broken row with its line, imports the rest, and counts exactly the rejected ones', async () => {
    const summary = await importHospitals(orm.em, BROKEN_ROWS_FILE, { fullExport: false });
    expect(summary.rejections).toEqual([
      { line: 3, reason: 'broken quote: a field opens a quote it never closes' },
      { line: 5, reason: 'broken quote: a field opens a quote it never closes' },
      { line: 7, reason: '관리번호 BROKEN-XY: coordinates are not numbers (좌표정보 x="동쪽", y="443740.045139197")' },
      { line: 8, reason: '관리번호 BROKEN-STATUS: 영업상태구분코드 "7" does not exist (01..04)' },
      { line: 9, reason: 'no 관리번호' },
      { line: 10, reason: '관리번호 BROKEN-NODATE: no 최종수정시점' },
      { line: 11, reason: '관리번호 BROKEN-OK-1: duplicate of line 2' },
      { line: 13, reason: 'malformed CSV: a quoted field is followed by text before the next comma' },
    ]);
    expect(summary).toMatchObject({ read: 13, inserted: 5, updated: 0, rejected: 8, delisted: 0 });
    const broken = await sql<{ id: string; status: string }>(`select id, status from hospital where id like 'BROKEN-%' order by id`);
    expect(broken).toEqual([
      { id: 'BROKEN-OK-1', status: 'OPEN' },
      { id: 'BROKEN-OK-2', status: 'OPEN' },
      { id: 'BROKEN-OK-3', status: 'CLOSED' },
      { id: 'BROKEN-OK-4', status: 'SUSPENDED' },
      { id: 'BROKEN-OK-5', status: 'OPEN' },
    ]);
    // A partial export delists nothing, though it lists none of the other licences.
    expect(await sql(`select count(*)::int as n from hospital where not listed`)).toEqual([{ n: 2 }]);
  });

  it('refuses a file that is not the hospital register before writing anything, naming the missing columns', async () => {
    const [before, importsBefore] = [await snapshot(), await imports()];
    await expect(importHospitals(orm.em, NOT_LOCALDATA_FILE)).rejects.toThrow(
      'not a LOCALDATA 동물병원 file: the header has no 관리번호, 사업장명, 영업상태구분코드, 최종수정시점 column',
    );
    expect(await snapshot()).toEqual(before);
    expect(await imports()).toBe(importsBefore);
  });

  it('names a path it cannot read', async () => {
    await expect(importHospitals(orm.em, '/nonexistent/hospitals.csv')).rejects.toThrow('cannot read /nonexistent/hospitals.csv: no such file');
    await expect(importHospitals(orm.em, fileURLToPath(new URL('./fixtures', import.meta.url)))).rejects.toThrow(/cannot read .*fixtures: it is a folder/);
  });
});
