import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@petcare/service-kit';
import { dropTestDatabase, gatewaySignedRequest, recordQueries, testDatabaseUrl } from '@petcare/service-kit/testing';
import { loadConfig } from '../src/config.ts';
import { buildHospitalsService, type HospitalsService } from '../src/server.ts';
import { importHospitals, type ImportSummary } from '../src/modules/hospital/hospital.importer.ts';

// The shared public data: DATA_DIR when set, else the checkout's sibling `shared/data` (as on dev machines and CI).
const dataDir = process.env['DATA_DIR'] ?? fileURLToPath(new URL('../../../../shared/data', import.meta.url));
const HOSPITALS_2023 = join(dataDir, 'hospitals', 'localdata-animal-hospitals-2023-07.csv');
const SEOUL_DONGS = join(dataDir, 'boundaries', 'seoul-hangjeongdong-2021-04.geojson');

const secret = 'test-gateway-signing-secret-0123456789';
const databaseUrl = testDatabaseUrl('hospitals');
const GANGNAM_STATION = { latitude: 37.4979, longitude: 127.0276 };
let service: HospitalsService;
let url: string;
let summary: ImportSummary;
let seoulDongs: { type: 'FeatureCollection'; features: { properties: { adm_cd2: string; adm_nm: string }; geometry: unknown }[] };

const call = <T = any>(query: string, variables: Record<string, unknown> = {}) => gatewaySignedRequest<T>(url, secret, query, variables);
const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => service.orm.em.getConnection().execute<T[]>(query, params);

/** Runs `fn` and returns the SQL statements it sent that touch the hospital table. */
async function hospitalQueriesDuring(fn: () => Promise<unknown>): Promise<string[]> {
  return (await recordQueries(service.orm, fn)).map((q) => q.sql).filter((q) => /\bhospital\b/.test(q));
}

const boundaryOf = (code: string) => {
  const feature = seoulDongs.features.find((f) => f.properties.adm_cd2 === code);
  if (!feature) throw new Error(`no 행정동 ${code} in ${SEOUL_DONGS}`);
  return JSON.stringify(feature.geometry);
};

const NEAR = `query ($lat: Latitude!, $lng: Longitude!, $radius: Int, $first: Int, $h24: Boolean, $closed: Boolean) {
  hospitalsNear(latitude: $lat, longitude: $lng, radiusMeters: $radius, first: $first, open24HoursOnly: $h24, includeClosed: $closed) {
    distanceMeters hospital { id name status open24Hours location { latitude longitude } }
  }
}`;
const near = (vars: Record<string, unknown> = {}) => call(NEAR, { lat: GANGNAM_STATION.latitude, lng: GANGNAM_STATION.longitude, ...vars });

const NEIGHBORHOOD_ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Neighborhood {
  code
  open: hospitals { id name address roadAddress status open24Hours }
  all: hospitals(includeClosed: true, first: 100) { id status }
} } }`;

beforeAll(async () => {
  const config = loadConfig({ PORT: '0', DATABASE_URL: databaseUrl, GATEWAY_SIGNING_SECRET: secret, LOG_LEVEL: 'silent' });
  service = await buildHospitalsService(config, createLogger('hospitals', 'silent'));
  url = await service.server.listen(0);
  summary = await importHospitals(service.orm.em, HOSPITALS_2023);
  seoulDongs = JSON.parse(await readFile(SEOUL_DONGS, 'utf8'));
});

afterAll(async () => {
  await service?.close();
  await dropTestDatabase(databaseUrl);
});

describe('the real 2023-07 register', () => {
  it('imports every licence, with the figures the publisher states', async () => {
    expect(summary).toMatchObject({ encoding: 'cp949', rowsRead: 9736, upserted: 9736, inserted: 9736, skipped: 0, withoutCoordinates: 1181, outsideKorea: 0 });
    const byStatus = await sql(`select status, count(*)::int as n from hospital group by status order by status`);
    expect(byStatus).toEqual([
      { status: 'CLOSED', n: 4578 },
      { status: 'OPEN', n: 5084 },
      { status: 'REVOKED', n: 53 },
      { status: 'SUSPENDED', n: 21 },
    ]);
    expect(await sql(`select count(location)::int as located, (count(*) filter (where open_24_hours))::int as h24,
      (count(*) filter (where open_24_hours and status = 'OPEN'))::int as open_h24 from hospital`)).toEqual([{ located: 8555, h24: 237, open_h24: 155 }]);
  });

  it('puts every located Seoul licence inside a 행정동 of the 구 its address names', async () => {
    const [result] = await sql<{ located: number; same_gu: number }>(
      `with dong as materialized (
         select split_part(f -> 'properties' ->> 'adm_nm', ' ', 2) as gu, st_geomfromgeojson(f ->> 'geometry') as shape
         from json_array_elements(?::json -> 'features') f
       )
       select count(*)::int as located, (count(*) filter (where exists (
         select 1 from dong where dong.gu = split_part(coalesce(h.address, h.road_address), ' ', 2) and st_contains(dong.shape, h.location::geometry)
       )))::int as same_gu
       from hospital h where coalesce(h.address, h.road_address) like '서울특별시 %' and h.location is not null`,
      [JSON.stringify(seoulDongs)],
    );
    expect(result!.located).toBeGreaterThan(1800);
    expect(result!.same_gu).toBe(result!.located);
  });

  it('re-importing the same file is a no-op', async () => {
    const again = await importHospitals(service.orm.em, HOSPITALS_2023);
    expect(again).toMatchObject({ rowsRead: 9736, inserted: 0, updated: 0, unchanged: 9736 });
    expect(await sql('select count(*)::int as n from hospital')).toEqual([{ n: 9736 }]);
  });
});

describe('Query.hospital and Hospital references', () => {
  it('returns one licence with its point and dates, or null', async () => {
    const res = await call(`{ hospital(id: "322000001020220002") { id name status open24Hours phone address roadAddress licensedAt closedAt
      sourceUpdatedAt updatedAt location { latitude longitude } } missing: hospital(id: "nope") { id } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.hospital).toMatchObject({
      id: '322000001020220002',
      name: '동물치과병원메이',
      status: 'OPEN',
      open24Hours: false,
      roadAddress: '서울특별시 강남구 테헤란로8길 46, 2층 (역삼동)',
      licensedAt: '2022-04-27',
      closedAt: null,
    });
    expect(res.data.hospital.location.latitude).toBeCloseTo(37.49586, 4);
    expect(res.data.hospital.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(res.data.missing).toBeNull();
  });

  it('resolves many Hospital references in one SQL query', async () => {
    let res: any;
    const queries = await hospitalQueriesDuring(async () => {
      res = await call(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Hospital { id name location { latitude } } } }`, {
        r: ['322000001020220002', 'no-such-licence', '512000001019950002'].map((id) => ({ __typename: 'Hospital', id })),
      });
    });
    expect(res.errors).toBeUndefined();
    expect(res.data._entities).toEqual([
      { id: '322000001020220002', name: '동물치과병원메이', location: { latitude: expect.closeTo(37.49586, 4) } },
      null,
      { id: '512000001019950002', name: '문경가축병원', location: null },
    ]);
    expect(queries).toHaveLength(1);
  });
});

describe('Query.hospitalsNear', () => {
  it('lists open hospitals around Gangnam station, nearest first, within the radius', async () => {
    const res = await near();
    expect(res.errors).toBeUndefined();
    const found = res.data.hospitalsNear;
    expect(found).toHaveLength(20);
    expect(found[0].hospital).toMatchObject({ id: '322000001020220002', name: '동물치과병원메이' });
    expect(found[0].distanceMeters).toBeCloseTo(468, -1);
    const distances = found.map((f: any) => f.distanceMeters);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(Math.max(...distances)).toBeLessThanOrEqual(3000);
    expect(found.every((f: any) => f.hospital.status === 'OPEN' && f.hospital.location)).toBe(true);
  });

  it('honours radius, first, includeClosed and open24HoursOnly', async () => {
    expect((await near({ radius: 500 })).data.hospitalsNear.map((f: any) => f.hospital.name)).toEqual(['동물치과병원메이']);
    expect((await near({ first: 3 })).data.hospitalsNear).toHaveLength(3);

    const withClosed = (await near({ radius: 500, closed: true })).data.hospitalsNear;
    expect(withClosed.map((f: any) => [f.hospital.name, f.hospital.status])).toEqual([['해치동물병원', 'CLOSED'], ['동물치과병원메이', 'OPEN']]);

    const allDay = (await near({ h24: true, radius: 5000, first: 100 })).data.hospitalsNear;
    expect(allDay.length).toBeGreaterThan(3);
    expect(allDay.every((f: any) => f.hospital.open24Hours && f.hospital.status === 'OPEN')).toBe(true);
    expect(allDay[0].hospital.name).toBe('24시SNC동물메디컬센터');
    const distances = allDay.map((f: any) => f.distanceMeters);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });

  it('rejects bad arguments with BAD_USER_INPUT naming the argument', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ radius: 0 }, 'radiusMeters'],
      [{ radius: 50_001 }, 'radiusMeters'],
      [{ first: 0 }, 'first'],
      [{ first: 101 }, 'first'],
      [{ lat: 35.68, lng: 139.76 }, 'longitude'],
      [{ lat: 31.2, lng: 127 }, 'latitude'],
    ];
    for (const [vars, field] of cases) {
      const res = await near(vars);
      expect(res.errors?.[0]?.extensions, JSON.stringify(vars)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const notALatitude = await near({ lat: 91 });
    expect(notALatitude.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(notALatitude.errors?.[0]?.message).toContain('$lat');
  });
});

describe('Neighborhood.hospitals', () => {
  const YEOKSAM_1 = '1168064000';
  const NONHYEON_1 = '1168052100';

  it('answers every neighbourhood and every argument set of a request in ONE SQL query', async () => {
    let res: any;
    const queries = await hospitalQueriesDuring(async () => {
      res = await call(NEIGHBORHOOD_ENTITIES, {
        r: [YEOKSAM_1, NONHYEON_1].map((code) => ({ __typename: 'Neighborhood', code, boundary: boundaryOf(code) })),
      });
    });
    expect(res.errors).toBeUndefined();
    expect(queries).toHaveLength(1);

    const [yeoksam, nonhyeon] = res.data._entities;
    expect(yeoksam.code).toBe(YEOKSAM_1);
    expect(yeoksam.open).toHaveLength(7);
    expect(nonhyeon.open).toHaveLength(6);
    const where = (h: any) => `${h.address ?? ''} ${h.roadAddress ?? ''}`;
    expect(yeoksam.open.every((h: any) => h.status === 'OPEN' && where(h).includes('역삼동'))).toBe(true);
    expect(nonhyeon.open.every((h: any) => h.status === 'OPEN' && where(h).includes('논현동'))).toBe(true);
    expect(yeoksam.open.map((h: any) => h.id)).toContain('322000001020220002');

    expect(yeoksam.all.length).toBeGreaterThan(yeoksam.open.length);
    expect(yeoksam.all.some((h: any) => h.status === 'CLOSED')).toBe(true);
  });

  it('puts 24-hour hospitals first and can list only them', async () => {
    const res = await call(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Neighborhood {
      hospitals(includeClosed: true, first: 100) { name open24Hours } only24: hospitals(open24HoursOnly: true, includeClosed: true) { name open24Hours }
    } } }`, { r: [{ __typename: 'Neighborhood', code: YEOKSAM_1, boundary: boundaryOf(YEOKSAM_1) }] });
    expect(res.errors).toBeUndefined();
    const [dong] = res.data._entities;
    const flags = dong.hospitals.map((h: any) => h.open24Hours);
    expect(flags).toEqual([...flags].sort((a: boolean, b: boolean) => Number(b) - Number(a)));
    expect(dong.only24.length).toBeGreaterThan(0);
    expect(dong.only24.every((h: any) => h.open24Hours)).toBe(true);
    expect(dong.only24).toEqual(dong.hospitals.filter((h: any) => h.open24Hours));
  });

  it('fails only the neighbourhood whose boundary is unusable, and checks first', async () => {
    const res = await call(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Neighborhood { code hospitals { id } } } }`, {
      r: [
        { __typename: 'Neighborhood', code: NONHYEON_1, boundary: boundaryOf(NONHYEON_1) },
        { __typename: 'Neighborhood', code: '0000000000', boundary: '{"type":"Point","coordinates":[127,37.5]}' },
      ],
    });
    expect(res.data._entities[0].hospitals).toHaveLength(6);
    expect(res.data._entities[1]).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'boundary' });

    const badFirst = await call(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Neighborhood { hospitals(first: 0) { id } } } }`, {
      r: [{ __typename: 'Neighborhood', code: NONHYEON_1, boundary: boundaryOf(NONHYEON_1) }],
    });
    expect(badFirst.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('gateway signature', () => {
  it('rejects a request that did not come through the gateway', async () => {
    const direct = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ hospital(id: "x") { id } }' }) });
    expect(direct.status).toBe(401);
    expect(((await direct.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
