import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT } from '@petcare/service-kit/development';
import { callsWithoutGateway, recordQueries, startTestSubgraph, type TestSubgraph } from '@petcare/service-kit/testing';
import { loadConfig } from '../src/config.ts';
import { buildNeighborhoodsService, type NeighborhoodsService } from '../src/server.ts';
import { importBoundaryFile } from '../src/modules/neighborhood/neighborhood.importer.ts';
import { realBoundariesFile } from './real-boundaries.ts';

const DAY_MS = 24 * 3600 * 1000;
const yeoksam = DEMO_ACCOUNT.location;
const sajik = { latitude: 37.5733, longitude: 126.9688 };
const busan = { latitude: 35.1796, longitude: 129.0756 };
let neighborhoods: TestSubgraph<NeighborhoodsService>;

const call = <T = any>(query: string, variables: Record<string, unknown> = {}, userId: string | null = null) =>
  neighborhoods.call<T>(query, variables, userId);
const sql = <T = any>(query: string) => neighborhoods.sql<T>(query);

const AT = `query ($lat: Latitude!, $lng: Longitude!) { neighborhoodAt(latitude: $lat, longitude: $lng) { code name district city fullName center { latitude longitude } boundary } }`;
const VERIFY = `mutation ($lat: Latitude!, $lng: Longitude!) {
  verifyNeighborhood(latitude: $lat, longitude: $lng) { neighborhood { code name } verifiedAt expiresAt isActive } }`;
const verify = (userId: string | null, at: { latitude: number; longitude: number }) =>
  call(VERIFY, { lat: at.latitude, lng: at.longitude }, userId);

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
    const plan = await neighborhoods.sql<{ 'QUERY PLAN': string }>(`explain ${lookup!.sql}`, lookup!.params as unknown[]);
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

  it('replaces the verification when the user verifies elsewhere, even when calls race', async () => {
    const userId = randomUUID();
    await verify(userId, yeoksam);
    const raced = await Promise.all(Array.from({ length: 6 }, () => verify(userId, sajik)));
    expect(raced.every((r) => r.errors === undefined && r.data.verifyNeighborhood.neighborhood.code === '1111053000')).toBe(true);
    expect(await sql(`select neighborhood_code from neighborhood_verification where user_id = '${userId}'`)).toEqual([
      { neighborhood_code: '1111053000' },
    ]);
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
