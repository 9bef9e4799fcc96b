import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeBound } from '@petcare/service-kit';
import { callsWithoutGateway, recordQueries, startTestSubgraph, type TestSubgraph } from '@petcare/service-kit/testing';
import { loadConfig } from '../src/config.ts';
import { buildNeighborhoodsService, type NeighborhoodsService } from '../src/server.ts';
import { importBoundaryFile } from '../src/modules/neighborhood/neighborhood.importer.ts';
import { realBoundariesFile } from './real-boundaries.ts';

const DAY_MS = 24 * 3600 * 1000;
// A point inside 역삼1동 (near Yeoksam station).
const yeoksam = { latitude: 37.5006, longitude: 127.0364 };
const sajik = { latitude: 37.5733, longitude: 126.9688 };
const busan = { latitude: 35.1796, longitude: 129.0756 };
const jamsil = { latitude: 37.5133, longitude: 127.1001 };
const yeoksam2 = { latitude: 37.4955, longitude: 127.0451 };
let neighborhoods: TestSubgraph<NeighborhoodsService>;

const call = <T = any>(query: string, variables: Record<string, unknown> = {}, userId: string | null = null) =>
  neighborhoods.call<T>(query, variables, userId);
const sql = <T = any>(query: string) => neighborhoods.sql<T>(query);

const AT = `query ($lat: Latitude!, $lng: Longitude!) { neighborhoodAt(latitude: $lat, longitude: $lng) { code name district city fullName center { latitude longitude } boundary } }`;
const VERIFY = `mutation ($lat: Latitude!, $lng: Longitude!) {
  verifyNeighborhood(latitude: $lat, longitude: $lng) { neighborhood { code name } verifiedAt expiresAt isActive isPrimary } }`;
const verify = (userId: string | null, at: { latitude: number; longitude: number }) =>
  call(VERIFY, { lat: at.latitude, lng: at.longitude }, userId);
const VERIFY_WITH_ACCURACY = `mutation ($lat: Latitude!, $lng: Longitude!, $acc: Float) {
  verifyNeighborhood(latitude: $lat, longitude: $lng, accuracyMeters: $acc) { neighborhood { code } accuracyMeters } }`;

/** Runs `fn` while recording every SQL statement (with its parameters) the service sends through its connection. */
const recordingQueries = (fn: () => Promise<void>) => recordQueries(neighborhoods.service.orm, fn);

beforeAll(async () => {
  neighborhoods = await startTestSubgraph('neighborhoods', (env, log) => buildNeighborhoodsService(loadConfig(env), log));
  await importBoundaryFile(neighborhoods.service.orm.em.fork(), realBoundariesFile);
});

afterAll(() => neighborhoods?.close());

describe('finding the 행정동 at a point', () => {
  it('finds 역삼1동 at the demo location, with a centre inside it and its boundary', async () => {
    const res = await call(AT, { lat: yeoksam.latitude, lng: yeoksam.longitude });
    expect(res.errors).toBeUndefined();
    const n = res.data.neighborhoodAt;
    expect(n).toMatchObject({ code: '1168064000', name: '역삼1동', district: '강남구', city: '서울특별시', fullName: '서울특별시 강남구 역삼1동' });
    const boundary = JSON.parse(n.boundary);
    expect(boundary.type).toBe('MultiPolygon');
    expect(boundary.coordinates[0][0].length).toBeGreaterThan(10);

    const atCenter = await call(AT, { lat: n.center.latitude, lng: n.center.longitude });
    expect(atCenter.data.neighborhoodAt.code).toBe('1168064000');
  });

  it('answers null for a point in Korea outside the loaded (Seoul) data', async () => {
    const res = await call(AT, { lat: busan.latitude, lng: busan.longitude });
    expect(res.errors).toBeUndefined();
    expect(res.data.neighborhoodAt).toBeNull();
  });

  it('rejects points outside South Korea, naming the coordinate', async () => {
    for (const [lat, lng, field] of [[0, 0, 'latitude'], [40, 127, 'latitude'], [37.5, 140, 'longitude']] as const) {
      const res = await call(AT, { lat, lng });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(res.errors?.[0]?.message).toContain(field);
    }
  });

  it('answers lookups from the GIST index', async () => {
    const [lookup, ...others] = await recordingQueries(async () => {
      await call(AT.replace(' boundary', ''), { lat: yeoksam.latitude, lng: yeoksam.longitude });
    });
    expect(others).toEqual([]);
    const plan = await executeBound<{ 'QUERY PLAN': string }>(neighborhoods.service.orm.em.fork(), `explain ${lookup!.sql}`, lookup!.params as unknown[]);
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toMatch(/Index Scan using neighborhood_geom_idx/);
  });
});

describe('browsing 행정동', () => {
  it('gets one by code, null for an unknown code, BAD_USER_INPUT for a malformed one', async () => {
    const q = `query ($code: ID!) { neighborhood(code: $code) { code name } }`;
    expect((await call(q, { code: '1111053000' })).data.neighborhood).toEqual({ code: '1111053000', name: '사직동' });
    expect((await call(q, { code: '1100000000' })).data.neighborhood).toBeNull();
    const bad = await call(q, { code: '11680' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
  });

  it('pages through a 구 in code order with cursors', async () => {
    const q = `query ($district: String, $first: Int, $after: String) {
      neighborhoods(district: $district, first: $first, after: $after) {
        totalCount edges { cursor node { code district } } pageInfo { hasNextPage endCursor } } }`;
    const codes: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res: any = await call(q, { district: '강남구', first: 10, after });
      const page = res.data.neighborhoods;
      expect(page.totalCount).toBe(22);
      expect(page.edges.every((e: any) => e.node.district === '강남구')).toBe(true);
      codes.push(...page.edges.map((e: any) => e.node.code));
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(codes).toHaveLength(22);
    expect(codes).toEqual([...codes].sort());
    expect(codes).toContain('1168064000');

    const all = await call(`{ neighborhoods { totalCount edges { node { code } } pageInfo { hasNextPage } } }`);
    expect(all.data.neighborhoods.totalCount).toBe(425);
    expect(all.data.neighborhoods.edges).toHaveLength(50);
    expect(all.data.neighborhoods.pageInfo.hasNextPage).toBe(true);
  });

  it('rejects unusable page arguments, naming them', async () => {
    const q = `query ($first: Int, $after: String) { neighborhoods(first: $first, after: $after) { totalCount } }`;
    for (const first of [0, 201]) {
      expect((await call(q, { first })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    }
    expect((await call(q, { after: 'not-a-cursor' })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('lists the 25 구 of Seoul in 가나다 order', async () => {
    const districts: string[] = (await call(`{ districts }`)).data.districts;
    expect(districts).toHaveLength(25);
    expect(districts[0]).toBe('강남구');
    expect(districts[24]).toBe('중랑구');
    expect(districts).toEqual([...districts].sort());
  });
});

describe('동네인증', () => {
  it('needs a signed-in user', async () => {
    const res = await verify(null, yeoksam);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await sql(`select count(*)::int as n from neighborhood_verification`)).toEqual([{ n: 0 }]);
  });

  it('verifies for 30 days, then the user has that 동네', async () => {
    const userId = randomUUID();
    const before = Date.now();
    const res = await verify(userId, yeoksam);
    expect(res.errors).toBeUndefined();
    const v = res.data.verifyNeighborhood;
    expect(v.neighborhood).toEqual({ code: '1168064000', name: '역삼1동' });
    expect(v.isActive).toBe(true);
    expect(Math.abs(Date.parse(v.verifiedAt) - before)).toBeLessThan(60_000);
    expect(Date.parse(v.expiresAt) - Date.parse(v.verifiedAt)).toBe(30 * DAY_MS);

    const user = await call(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id neighborhood { code } } } }`, {
      r: [{ __typename: 'User', id: userId }],
    });
    expect(user.data._entities).toEqual([{ id: userId, neighborhood: { code: '1168064000' } }]);
  });

  it('refuses a point no supported 행정동 contains, recording nothing', async () => {
    const userId = randomUUID();
    const res = await verify(userId, busan);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'latitude' });
    expect(res.errors?.[0]?.message).toContain('no supported 행정동 contains this point');
    const outside = await verify(userId, { latitude: 0, longitude: 0 });
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'latitude' });
    expect(await sql(`select count(*)::int as n from neighborhood_verification where user_id = '${userId}'`)).toEqual([{ n: 0 }]);
  });

  it('lapses after its expiry, shows as expired, and renewing moves the expiry', async () => {
    const userId = randomUUID();
    await verify(userId, yeoksam);
    await sql(`update neighborhood_verification set verified_at = now() - interval '31 days', expires_at = now() - interval '1 day' where user_id = '${userId}'`);
    const q = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { neighborhood { code } neighborhoodVerification { neighborhood { code } isActive expiresAt } } } }`;
    const expired = (await call(q, { r: [{ __typename: 'User', id: userId }] })).data._entities[0];
    expect(expired.neighborhood).toBeNull();
    expect(expired.neighborhoodVerification).toMatchObject({ neighborhood: { code: '1168064000' }, isActive: false });

    const renewed = (await verify(userId, yeoksam)).data.verifyNeighborhood;
    expect(Date.parse(renewed.expiresAt)).toBeGreaterThan(Date.parse(expired.neighborhoodVerification.expiresAt) + 30 * DAY_MS - 60_000);
    expect(renewed.isActive).toBe(true);
    const after = (await call(q, { r: [{ __typename: 'User', id: userId }] })).data._entities[0];
    expect(after.neighborhood).toEqual({ code: '1168064000' });
  });

  it('holds up to two 동네: a third is refused, listing the two, and nothing is written', async () => {
    const userId = randomUUID();
    expect((await verify(userId, yeoksam)).data.verifyNeighborhood.isPrimary).toBe(true);
    const second = (await verify(userId, sajik)).data.verifyNeighborhood;
    expect(second).toMatchObject({ neighborhood: { code: '1111053000' }, isPrimary: false });
    const third = await verify(userId, jamsil);
    expect(third.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'latitude',
      current: [
        { code: '1168064000', isPrimary: true, expiresAt: expect.any(String) },
        { code: '1111053000', isPrimary: false, expiresAt: expect.any(String) },
      ],
    });
    expect(await sql(`select neighborhood_code from neighborhood_verification where user_id = '${userId}' order by neighborhood_code`)).toEqual([
      { neighborhood_code: '1111053000' },
      { neighborhood_code: '1168064000' },
    ]);
    // Verifying a 동네 the user holds renews it, even when two are held.
    expect((await verify(userId, sajik)).errors).toBeUndefined();
  });

  it('never lets racing verifications of different places give a user a third 동네', async () => {
    const userId = randomUUID();
    await verify(userId, yeoksam);
    const raced = await Promise.all([sajik, jamsil, sajik, jamsil, sajik, jamsil].map((at) => verify(userId, at)));
    const added = raced.filter((r) => r.errors === undefined).map((r) => r.data.verifyNeighborhood.neighborhood.code);
    expect(new Set(added).size).toBe(1);
    expect(raced.filter((r) => r.errors?.[0]?.extensions?.['code'] === 'CONFLICT')).toHaveLength(3);
    expect(await sql(`select count(*)::int as n, count(*) filter (where is_primary)::int as p from neighborhood_verification where user_id = '${userId}'`)).toEqual([
      { n: 2, p: 1 },
    ]);
  });

  it('gives up a 동네: the other becomes primary; giving up one the user does not hold names the code', async () => {
    const userId = randomUUID();
    await verify(userId, yeoksam);
    await verify(userId, sajik);
    const REMOVE = `mutation ($code: ID!) { removeNeighborhoodVerification(code: $code) { neighborhood { code } isPrimary } }`;
    const rest = await call(REMOVE, { code: '1168064000' }, userId);
    expect(rest.data.removeNeighborhoodVerification).toEqual([{ neighborhood: { code: '1111053000' }, isPrimary: true }]);
    const again = await call(REMOVE, { code: '1168064000' }, userId);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'code' });
    expect((await call(REMOVE, { code: '역삼1동' }, userId)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    expect((await call(REMOVE, { code: '1111053000' }, null)).errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('lets the user choose the primary 동네, which is what User.neighborhood shows', async () => {
    const userId = randomUUID();
    await verify(userId, yeoksam);
    await verify(userId, sajik);
    const SET = `mutation ($code: ID!) { setPrimaryNeighborhood(code: $code) { neighborhood { code } isPrimary } }`;
    expect((await call(SET, { code: '1111053000' }, userId)).data.setPrimaryNeighborhood).toEqual({ neighborhood: { code: '1111053000' }, isPrimary: true });
    expect((await call(SET, { code: '1168065000' }, userId)).errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'code' });
    const q = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { neighborhood { code } neighborhoods { neighborhood { code } isPrimary status } } } }`;
    const user = (await call(q, { r: [{ __typename: 'User', id: userId }] })).data._entities[0];
    expect(user.neighborhood).toEqual({ code: '1111053000' });
    expect(user.neighborhoods).toEqual([
      { neighborhood: { code: '1111053000' }, isPrimary: true, status: 'ACTIVE' },
      { neighborhood: { code: '1168064000' }, isPrimary: false, status: 'ACTIVE' },
    ]);
    await sql(`update neighborhood_verification set expires_at = now() + interval '2 days' where user_id = '${userId}' and neighborhood_code = '1168064000'`);
    const soon = (await call(q, { r: [{ __typename: 'User', id: userId }] })).data._entities[0];
    expect(soon.neighborhoods[1].status).toBe('EXPIRING_SOON');
  });

  it('verifies a coarse fix whose circle stays inside the 행정동, and refuses one that reaches another, naming accuracyMeters', async () => {
    // The 행정동 with the widest inside, and the widest circle that fits in it: a fix there with a coarse accuracy
    // cannot be anywhere else.
    const [deep] = await sql(`select code, ST_Y(center) as latitude, ST_X(center) as longitude,
        ST_Distance(ST_Boundary(geom)::geography, center::geography) as room
      from (select code, geom, (ST_MaximumInscribedCircle(geom)).center as center from neighborhood) c order by room desc limit 1`);
    const userId = randomUUID();
    const coarse = await call(VERIFY_WITH_ACCURACY, { lat: deep.latitude, lng: deep.longitude, acc: Math.floor(deep.room * 0.8) }, userId);
    expect(coarse.errors).toBeUndefined();
    expect(coarse.data.verifyNeighborhood).toMatchObject({ neighborhood: { code: deep.code }, accuracyMeters: Math.floor(deep.room * 0.8) });

    const near = randomUUID();
    const wide = await call(VERIFY_WITH_ACCURACY, { lat: yeoksam.latitude, lng: yeoksam.longitude, acc: 2500 }, near);
    expect(wide.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'accuracyMeters', maxAccuracyMeters: 100 });
    expect(wide.errors?.[0]?.message).toContain('move outside or wait for a better GPS fix');
    const fine = await call(VERIFY_WITH_ACCURACY, { lat: yeoksam.latitude, lng: yeoksam.longitude, acc: 80 }, near);
    expect(fine.data.verifyNeighborhood.neighborhood.code).toBe('1168064000');
  });

  it('refuses accuracies no real fix has, naming accuracyMeters and writing nothing', async () => {
    const userId = randomUUID();
    for (const acc of [0, -5, 50_000]) {
      const res = await call(VERIFY_WITH_ACCURACY, { lat: yeoksam.latitude, lng: yeoksam.longitude, acc }, userId);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'accuracyMeters' });
    }
    expect((await call(VERIFY_WITH_ACCURACY, { lat: yeoksam.latitude, lng: yeoksam.longitude, acc: 'far' }, userId)).errors?.[0]?.extensions?.['code']).toBe(
      'BAD_USER_INPUT',
    );
    expect(await sql(`select count(*)::int as n from neighborhood_verification where user_id = '${userId}'`)).toEqual([{ n: 0 }]);
  });

  it('writes nothing for an account erased here, whatever its old token asks', async () => {
    const userId = randomUUID();
    await verify(userId, yeoksam);
    await sql(`insert into erased_user (user_id) values ('${userId}')`);
    const res = await verify(userId, sajik);
    expect(res.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(await sql(`select neighborhood_code from neighborhood_verification where user_id = '${userId}'`)).toEqual([{ neighborhood_code: '1168064000' }]);
  });

  it('counts the users verified in a 행정동 right now', async () => {
    const before = (await call(`{ neighborhood(code: "1168065000") { verifiedUserCount } }`)).data.neighborhood.verifiedUserCount;
    const users = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of users) await verify(id, yeoksam2);
    await sql(`update neighborhood_verification set expires_at = now() - interval '1 second', verified_at = now() - interval '31 days' where user_id = '${users[2]}'`);
    expect((await call(`{ neighborhood(code: "1168065000") { verifiedUserCount } }`)).data.neighborhood.verifiedUserCount).toBe(before + 2);
  });
});

describe('federation', () => {
  it("resolves many Users' 동네 in one SQL query", async () => {
    const verified = [randomUUID(), randomUUID()];
    for (const id of verified) await verify(id, yeoksam);
    const never = randomUUID();
    const representations = [...verified, never, 'not-a-uuid'].map((id) => ({ __typename: 'User', id }));
    let res: any;
    const queries = await recordingQueries(async () => {
      res = await call(
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id neighborhood { code name center { latitude } } neighborhoodVerification { isActive } } } }`,
        { r: representations },
      );
    });
    expect(res.errors).toBeUndefined();
    expect(res.data._entities.map((u: any) => u.neighborhood?.code ?? null)).toEqual(['1168064000', '1168064000', null, null]);
    expect(res.data._entities.map((u: any) => u.neighborhoodVerification?.isActive ?? null)).toEqual([true, true, null, null]);
    expect(queries).toHaveLength(1);
  });

  it('resolves Neighborhood references by code in one query, boundaries in one more', async () => {
    const codes = ['1168064000', '1111053000', '1168065000', '9999999999'];
    let res: any;
    const queries = await recordingQueries(async () => {
      res = await call(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Neighborhood { code name boundary } } }`, {
        r: codes.map((code) => ({ __typename: 'Neighborhood', code })),
      });
    });
    expect(res.errors).toBeUndefined();
    expect(res.data._entities.map((n: any) => n?.name ?? null)).toEqual(['역삼1동', '사직동', '역삼2동', null]);
    expect(res.data._entities.slice(0, 3).every((n: any) => JSON.parse(n.boundary).type === 'MultiPolygon')).toBe(true);
    expect(queries).toHaveLength(2);
  });

  it('rejects a request that did not come through the gateway', async () => {
    const { direct, forged } = await callsWithoutGateway(neighborhoods.url, '{ districts }');
    expect(direct).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(forged).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });
});
