import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger, openDatabase } from '@petcare/service-kit';
import { dropTestDatabase, testDatabaseUrl } from '@petcare/service-kit/testing';
import { importHospitals, type ImportSummary } from '../src/modules/hospital/hospital.importer.ts';
import { database } from '../src/database.ts';
import { epsg5174ToWgs84 } from '../src/modules/hospital/epsg5174.ts';

// Both real exports of the register, imported in both orders into two databases. Every expected count is computed
// here from the files themselves, read with csv-parse directly (not through the importer).
const dataDir = process.env['DATA_DIR'] ?? fileURLToPath(new URL('../../../../shared/data', import.meta.url));
const FILES = {
  2022: join(dataDir, 'hospitals', 'localdata-animal-hospitals-2022-11.csv'),
  2023: join(dataDir, 'hospitals', 'localdata-animal-hospitals-2023-07.csv'),
};

type Row = Record<string, string>;
const digits = (v: string | undefined) => (v ?? '').replace(/\D/g, '');
const column = (r: Row, ...names: string[]) => (names.map((n) => r[n]).find((v) => v !== undefined) ?? '').trim();
function readExport(file: string): Map<string, Row> {
  const rows: Row[] = parse(iconv.decode(readFileSync(file), 'cp949'), { columns: true, relax_column_count: true, bom: true });
  return new Map(rows.map((r) => [r['관리번호']!.trim(), r]));
}
// The point as stored: the converted position (a difference of a nanometre in the source may convert to the same one).
const position = (r: Row) => {
  const [x, y] = [column(r, '좌표정보(x)', '좌표정보x(epsg5174)'), column(r, '좌표정보(y)', '좌표정보y(epsg5174)')];
  if (!x || !y) return 'none';
  const { latitude, longitude } = epsg5174ToWgs84(Number(x), Number(y));
  return `${latitude},${longitude}`;
};
// What the importer stores of a row: equal here means nothing to write.
const stored = (r: Row) =>
  [
    '사업장명', '영업상태구분코드', '상세영업상태명', '소재지전화', '소재지전체주소', '도로명전체주소',
  ].map((c) => column(r, c)).concat(
    column(r, '도로명우편번호') || column(r, '소재지우편번호'),
    digits(r['인허가일자']), digits(r['폐업일자']), digits(r['최종수정시점']), position(r),
  ).join('|');
const stamp = (r: Row) => digits(r['최종수정시점']).padEnd(14, '0');
const kstDay = (yyyymmdd: string) => Date.UTC(+yyyymmdd.slice(0, 4), +yyyymmdd.slice(4, 6) - 1, +yyyymmdd.slice(6, 8));

const older = readExport(FILES[2022]);
const newer = readExport(FILES[2023]);
const onlyOlder = [...older.keys()].filter((id) => !newer.has(id));
const onlyNewer = [...newer.keys()].filter((id) => !older.has(id));
const inBoth = [...newer.keys()].filter((id) => older.has(id));
const newerExportStamp = [...newer.values()].map(stamp).sort().at(-1)!;

/** The news the newer export makes after the older one, by the rule of hospital-news.ts (30 days before the export's date). */
function expectedNews(): Record<string, number> {
  const windowStart = (day: string) => kstDay(day) - 30 * 86_400_000;
  const news: Record<string, number> = {};
  const add = (type: string) => (news[type] = (news[type] ?? 0) + 1);
  for (const id of onlyNewer) {
    const r = newer.get(id)!;
    if (column(r, '영업상태구분코드') === '01' && kstDay(digits(r['인허가일자'])) >= windowStart(newerExportStamp.slice(0, 8))) add('HOSPITAL_OPENED');
  }
  for (const id of inBoth) {
    const [before, after] = [older.get(id)!, newer.get(id)!];
    if (stored(before) === stored(after)) continue;
    const recent = Number(stamp(after)) >= Number(windowStartStamp(newerExportStamp));
    const [was, is] = [column(before, '영업상태구분코드'), column(after, '영업상태구분코드')];
    if (recent && was !== '01' && is === '01') add('HOSPITAL_REOPENED');
    if (recent && was === '01' && is !== '01') add('HOSPITAL_CLOSED');
  }
  return news;
}
// 30 days before a KST wall-clock stamp, as a stamp (both sides of the comparison are KST wall-clock time).
function windowStartStamp(s: string): string {
  const t = Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8), +s.slice(8, 10), +s.slice(10, 12), +s.slice(12, 14)) - 30 * 86_400_000;
  return new Date(t).toISOString().replace(/\D/g, '').slice(0, 14);
}

const log = createLogger('hospitals', 'silent');
const urls = { oldThenNew: testDatabaseUrl('hospitals'), newThenOld: testDatabaseUrl('hospitals') };
const orms: Partial<Record<keyof typeof urls, MikroORM>> = {};
const results: Record<string, ImportSummary> = {};
const sql = <T = Record<string, unknown>>(orm: MikroORM, query: string) => orm.em.getConnection().execute<T[]>(query);
const state = (orm: MikroORM) =>
  sql(orm, `select id, name, status, detail_status, open_24_hours, phone, address, road_address, postal_code, location::text as location,
    licensed_at, closed_at, source_updated_at, listed, search_grams from hospital order by id`);

beforeAll(async () => {
  for (const key of Object.keys(urls) as (keyof typeof urls)[]) orms[key] = await openDatabase({ url: urls[key], ...database, log });
  results['old'] = await importHospitals(orms.oldThenNew!.em, FILES[2022]);
  results['new after old'] = await importHospitals(orms.oldThenNew!.em, FILES[2023]);
  results['new'] = await importHospitals(orms.newThenOld!.em, FILES[2023]);
  results['old after new'] = await importHospitals(orms.newThenOld!.em, FILES[2022]);
}, 120_000);

afterAll(async () => {
  for (const orm of Object.values(orms)) await orm?.close();
  for (const url of Object.values(urls)) await dropTestDatabase(url);
});

describe('the two real exports of the register', () => {
  it('imports the first export whole: every row inserted, no news from the first import', () => {
    expect(results['old']).toMatchObject({ read: older.size, inserted: older.size, updated: 0, unchanged: 0, rejected: 0, delisted: 0, events: 0 });
    expect(results['new']).toMatchObject({ read: newer.size, inserted: newer.size, updated: 0, unchanged: 0, rejected: 0, delisted: 0, events: 0 });
  });

  it('takes the newer export after the older one: new licences in, changed ones updated, dropped ones delisted', () => {
    const changed = inBoth.filter((id) => stored(older.get(id)!) !== stored(newer.get(id)!)).length;
    expect(results['new after old']).toMatchObject({
      read: newer.size,
      inserted: onlyNewer.length,
      updated: changed,
      unchanged: inBoth.length - changed,
      rejected: 0,
      delisted: onlyOlder.length,
      newest: true,
    });
    expect(changed).toBeGreaterThan(4000);
  });

  it('announces the register\'s recent openings, reopenings and closures, once each', async () => {
    const news = expectedNews();
    expect(results['new after old']!.events).toBe(Object.values(news).reduce((a, b) => a + b, 0));
    expect(news['HOSPITAL_CLOSED']).toBeGreaterThan(0);
    const again = await importHospitals(orms.oldThenNew!.em, FILES[2023]);
    expect(again).toMatchObject({ read: newer.size, inserted: 0, updated: 0, unchanged: newer.size, delisted: 0, events: 0 });
  });

  it('changes nothing of the newer data when the older export comes second; it only adds what it alone lists, unlisted', () => {
    expect(results['old after new']).toMatchObject({
      read: older.size, inserted: onlyOlder.length, updated: 0, unchanged: inBoth.length, rejected: 0, delisted: 0, newest: false, events: 0,
    });
  });

  it('ends in the same register whichever order the exports came in', async () => {
    const [a, b] = [await state(orms.oldThenNew!), await state(orms.newThenOld!)];
    expect(a.length).toBe(new Set([...older.keys(), ...newer.keys()]).size);
    expect(b).toEqual(a);
  });

  it('no longer lists the licences the newer export dropped, among them the five stale copies of one 평창 hospital', async () => {
    for (const orm of [orms.oldThenNew!, orms.newThenOld!]) {
      const unlisted = await sql<{ id: string; name: string; status: string; address: string }>(orm, 'select id, name, status, address from hospital where not listed order by id');
      expect(unlisted.map((r) => r.id)).toEqual([...onlyOlder].sort());
      const pyeongchang = unlisted.filter((r) => r.name === '동성가축병원' && r.address.includes('평창군'));
      expect(pyeongchang.length).toBeGreaterThanOrEqual(5);
      expect(pyeongchang.every((r) => r.status === 'OPEN')).toBe(true);
    }
  });
});
