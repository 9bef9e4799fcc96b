import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeBound } from '@petcare/service-kit';
import { recordQueries } from '@petcare/service-kit/testing';
import { HOSPITALS_2022, HOSPITALS_2023, startHospitals, type HospitalsUnderTest } from './support/hospitals-under-test.ts';

// The API on the real register: the 2022 export then the 2023 one (so some licences are no longer listed), and
// Seoul's 행정동 copied in. Lookups, nearest-first pages and neighbourhood lists.
const GANGNAM_STATION = { latitude: 37.4979, longitude: 127.0276 };
const YEOKSAM_1 = '1168064000';
const NONHYEON_1 = '1168052100';
let api: HospitalsUnderTest;

const NEAR = `query ($lat: Latitude!, $lng: Longitude!, $radius: Int, $first: Int, $after: String, $h24: Boolean, $closed: Boolean) {
  hospitalsNear(latitude: $lat, longitude: $lng, radiusMeters: $radius, first: $first, after: $after, open24HoursOnly: $h24, includeClosed: $closed) {
    distanceMeters cursor hospital { id name status open24Hours open24HoursConfirmed delistedAt location { latitude longitude } }
  }
}`;
const near = (vars: Record<string, unknown> = {}) => api.call(NEAR, { lat: GANGNAM_STATION.latitude, lng: GANGNAM_STATION.longitude, ...vars });

/** Runs `fn` and returns the SQL statements it sent that touch the hospital table. */
async function hospitalQueriesDuring(fn: () => Promise<unknown>): Promise<string[]> {
  return (await recordQueries(api.service.orm, fn)).map((q) => q.sql).filter((q) => /\bhospital\b/.test(q));
}

beforeAll(async () => {
  api = await startHospitals([HOSPITALS_2022, HOSPITALS_2023]);
}, 120_000);

afterAll(async () => {
  await api?.close();
});

describe('Query.hospital and Hospital references', () => {
  it('returns one licence with its point, dates, 행정동 and where its 24-hour status comes from, or null', async () => {
    const res = await api.call(`{ hospital(id: "322000001020220002") { id name status open24Hours open24HoursSource open24HoursConfirmed open24HoursNote
      phone address roadAddress district licensedAt closedAt sourceUpdatedAt delistedAt updatedAt location { latitude longitude } neighborhood { code } }
      missing: hospital(id: "nope") { id } nul: hospital(id: "a\\u0000b") { id } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.hospital).toMatchObject({
      id: '322000001020220002',
      name: '동물치과병원메이',
      status: 'OPEN',
      open24Hours: false,
      open24HoursSource: 'NAME',
      open24HoursConfirmed: false,
      open24HoursNote: null,
      roadAddress: '서울특별시 강남구 테헤란로8길 46, 2층 (역삼동)',
      district: '강남구',
      licensedAt: '2022-04-27',
      closedAt: null,
      delistedAt: null,
      neighborhood: { code: YEOKSAM_1 },
    });
    expect(res.data.hospital.location.latitude).toBeCloseTo(37.49586, 4);
    expect(res.data.missing).toBeNull();
    expect(res.data.nul).toBeNull();
  });

  it('resolves many Hospital references in one SQL query', async () => {
    let res: any;
    const queries = await hospitalQueriesDuring(async () => {
      res = await api.call(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Hospital { id name location { latitude } } } }`, {
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

  it('tags every located Seoul hospital with a 행정동 of the 구 its address names', async () => {
    const [tagged] = await api.sql<{ located: number; tagged: number; same_gu: number }>(
      `select count(*)::int as located, count(h.neighborhood_code)::int as tagged,
         (count(*) filter (where n.district = split_part(coalesce(h.address, h.road_address), ' ', 2)))::int as same_gu
       from hospital h left join neighborhood_copy n on n.code = h.neighborhood_code
       where coalesce(h.address, h.road_address) like '서울특별시 %' and h.location is not null`,
    );
    expect(tagged!.located).toBeGreaterThan(1800);
    expect(tagged!.tagged).toBe(tagged!.located);
    expect(tagged!.same_gu).toBe(tagged!.located);
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
    expect(found.every((f: any) => f.hospital.status === 'OPEN' && f.hospital.location && f.hospital.delistedAt === null)).toBe(true);
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
  });

  it('pages through every hospital in range in one stable order: by distance, then id', async () => {
    const whole = (await near({ radius: 1200, first: 100, closed: true })).data.hospitalsNear;
    expect(whole.length).toBeGreaterThan(40);
    expect(whole.length).toBeLessThan(100);
    const paged: any[] = [];
    let after: string | undefined;
    for (;;) {
      const page = (await near({ radius: 1200, first: 7, closed: true, after })).data.hospitalsNear;
      paged.push(...page);
      if (page.length < 7) break;
      after = page.at(-1).cursor;
    }
    expect(paged.map((f) => f.hospital.id)).toEqual(whole.map((f: any) => f.hospital.id));
    const keys = paged.map((f) => [f.distanceMeters, f.hospital.id]);
    expect(keys).toEqual([...keys].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1)));
  });

  it('leaves out licences the newest export no longer lists, unless includeClosed', async () => {
    // 평창: five stale copies of one hospital, still OPEN in the 2022 export, gone from the 2023 one.
    const pyeongchang = { lat: 37.3704, lng: 128.3905, radius: 5000, first: 100 };
    const listed = (await near(pyeongchang)).data.hospitalsNear.map((f: any) => f.hospital.name);
    const all = (await near({ ...pyeongchang, closed: true })).data.hospitalsNear;
    const delisted = all.filter((f: any) => f.hospital.delistedAt !== null);
    expect(delisted.length).toBeGreaterThanOrEqual(5);
    expect(delisted.every((f: any) => f.hospital.status === 'OPEN')).toBe(true);
    expect(listed.length).toBe(all.filter((f: any) => f.hospital.status === 'OPEN' && f.hospital.delistedAt === null).length);
  });

  it('rejects bad arguments with BAD_USER_INPUT naming the argument', async () => {
    const fromElsewhere = (await near({ lat: 37.5, lng: 127.0, first: 1 })).data.hospitalsNear[0].cursor;
    const cases: [Record<string, unknown>, string][] = [
      [{ radius: 0 }, 'radiusMeters'],
      [{ radius: 50_001 }, 'radiusMeters'],
      [{ first: 0 }, 'first'],
      [{ first: 101 }, 'first'],
      [{ lat: 35.68, lng: 139.76 }, 'longitude'],
      [{ lat: 31.2, lng: 127 }, 'latitude'],
      [{ after: 'not-a-cursor' }, 'after'],
      [{ after: fromElsewhere }, 'after'],
    ];
    for (const [vars, field] of cases) {
      const res = await near(vars);
      expect(res.errors?.[0]?.extensions, JSON.stringify(vars)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });
});

describe('Neighborhood.hospitals', () => {
  const NEIGHBORHOOD_ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Neighborhood {
    code
    open: hospitals { id name address roadAddress status open24Hours }
    all: hospitals(includeClosed: true, first: 100) { id status }
    only24: hospitals(open24HoursOnly: true, includeClosed: true) { name open24Hours }
  } } }`;

  it('answers every neighbourhood and argument set of a request from the 행정동 codes, in ONE SQL query', async () => {
    let res: any;
    const queries = await hospitalQueriesDuring(async () => {
      res = await api.call(NEIGHBORHOOD_ENTITIES, { r: [YEOKSAM_1, NONHYEON_1, '0000000000'].map((code) => ({ __typename: 'Neighborhood', code })) });
    });
    expect(res.errors).toBeUndefined();
    expect(queries).toHaveLength(1);

    const [yeoksam, nonhyeon, nowhere] = res.data._entities;
    expect(yeoksam.open).toHaveLength(7);
    expect(nonhyeon.open).toHaveLength(6);
    expect(nowhere).toEqual({ code: '0000000000', open: [], all: [], only24: [] });
    const where = (h: any) => `${h.address ?? ''} ${h.roadAddress ?? ''}`;
    expect(yeoksam.open.every((h: any) => h.status === 'OPEN' && where(h).includes('역삼동'))).toBe(true);
    expect(nonhyeon.open.every((h: any) => h.status === 'OPEN' && where(h).includes('논현동'))).toBe(true);
    expect(yeoksam.open.map((h: any) => h.id)).toContain('322000001020220002');
    expect(yeoksam.all.length).toBeGreaterThan(yeoksam.open.length);
    expect(yeoksam.all.some((h: any) => h.status === 'CLOSED')).toBe(true);
  });

  it('reads each 행정동 through the code index, in the plan for its values and in the generic plan a kept statement gets', async () => {
    const [sent] = (await recordQueries(api.service.orm, () => api.call(NEIGHBORHOOD_ENTITIES, { r: [{ __typename: 'Neighborhood', code: YEOKSAM_1 }] }))).filter((q) =>
      /\bhospital h\b/.test(q.sql),
    );
    const plans = await api.service.orm.em.fork().transactional(async (tx) => {
      const text = (rows: { 'QUERY PLAN': string }[]) => rows.map((p) => p['QUERY PLAN']).join('\n');
      const custom = text(await executeBound(tx, `explain ${sent!.sql}`, sent!.params as unknown[]));
      await executeBound(tx, 'set local plan_cache_mode = force_generic_plan', []);
      await executeBound(tx, `prepare hospitals_in_areas as ${sent!.sql}`, []);
      const generic = text(await executeBound(tx, 'explain execute hospitals_in_areas(null, null, null, null)', []));
      await executeBound(tx, 'deallocate hospitals_in_areas', []);
      return { custom, generic };
    });
    for (const plan of Object.values(plans)) {
      expect(plan).toMatch(/Index Cond: \(neighborhood_code = /);
      expect(plan).not.toMatch(/Seq Scan on hospital|Filter: .*neighborhood_code\)::text/);
    }
  });

  it('puts 24-hour hospitals first and can list only them; checks first', async () => {
    const res = await api.call(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Neighborhood {
      hospitals(includeClosed: true, first: 100) { name open24Hours } only24: hospitals(open24HoursOnly: true, includeClosed: true) { name open24Hours }
    } } }`, { r: [{ __typename: 'Neighborhood', code: YEOKSAM_1 }] });
    const [dong] = res.data._entities;
    const flags = dong.hospitals.map((h: any) => h.open24Hours);
    expect(flags).toEqual([...flags].sort((a: boolean, b: boolean) => Number(b) - Number(a)));
    expect(dong.only24.length).toBeGreaterThan(0);
    expect(dong.only24).toEqual(dong.hospitals.filter((h: any) => h.open24Hours));

    const badFirst = await api.call(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Neighborhood { hospitals(first: 0) { id } } } }`, {
      r: [{ __typename: 'Neighborhood', code: NONHYEON_1 }],
    });
    expect(badFirst.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('gateway signature', () => {
  it('rejects a request that did not come through the gateway', async () => {
    const direct = await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ hospital(id: "x") { id } }' }) });
    expect(direct.status).toBe(401);
    expect(((await direct.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
