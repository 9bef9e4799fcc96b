import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeBound } from '@petcare/service-kit';
import { recordQueries } from '@petcare/service-kit/testing';
import { HOSPITALS_2023, startHospitals, type HospitalsUnderTest } from './support/hospitals-under-test.ts';

// searchHospitals on the real 2023 register. Expected sets are computed with plain SQL over the names (folded the
// same way: NFKC, lower case, no spaces), not through the search's own columns.
let api: HospitalsUnderTest;
const GANGNAM_STATION = { latitude: 37.4979, longitude: 127.0276 };

const SEARCH = `query ($q: String!, $district: String, $near: NearPointInput, $closed: Boolean, $first: Int, $after: String) {
  searchHospitals(query: $q, district: $district, near: $near, includeClosed: $closed, first: $first, after: $after) {
    edges { cursor distanceMeters node { id name status district address roadAddress open24Hours } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const search = (q: string, vars: Record<string, unknown> = {}) => api.call(SEARCH, { q, ...vars });

/** Every result of a search, page after page. */
async function searchAll(q: string, vars: Record<string, unknown> = {}, first = 50): Promise<any[]> {
  const all: any[] = [];
  let after: string | undefined;
  for (;;) {
    const res = await search(q, { ...vars, first, after });
    expect(res.errors).toBeUndefined();
    const { edges, pageInfo } = res.data.searchHospitals;
    all.push(...edges);
    if (!pageInfo.hasNextPage) return all;
    after = pageInfo.endCursor;
  }
}

const folded = `lower(regexp_replace(normalize(name, NFKC), '\\s', '', 'g'))`;
const idsWhere = async (condition: string, params: unknown[] = []) =>
  (await api.sql<{ id: string }>(`select id from hospital where status = 'OPEN' and listed and ${condition} order by id`, params)).map((r) => r.id);
const idsOf = (edges: any[]) => edges.map((e) => e.node.id).sort();

beforeAll(async () => {
  api = await startHospitals([HOSPITALS_2023]);
}, 120_000);

afterAll(async () => {
  await api?.close();
});

describe('searchHospitals', () => {
  it('finds every open hospital whose name contains a word, page after page, before near misses', async () => {
    const found = await searchAll('동물메디컬', {}, 20);
    const exact = await idsWhere(`${folded} like '%동물메디컬%'`);
    expect(exact.length).toBeGreaterThan(50);
    expect(idsOf(found.slice(0, exact.length))).toEqual(exact);
    // what follows differs from the word by one syllable
    for (const { node } of found.slice(exact.length)) expect(node.name.replace(/\s/g, '')).not.toContain('동물메디컬');
  });

  it('tolerates one syllable wrong, ranking exact matches first', async () => {
    const typo = await searchAll('동물메디칼');
    const exact = await idsWhere(`${folded} like '%동물메디칼%'`);
    const meant = await idsWhere(`${folded} like '%동물메디컬%'`);
    expect(idsOf(typo)).toEqual(expect.arrayContaining(meant));
    expect(typo.slice(0, exact.length).map((e) => e.node.id).sort()).toEqual(exact);

    const names = async (q: string) => (await search(q)).data.searchHospitals.edges.map((e: any) => e.node.name);
    expect(await names('쓰담쓰당')).toEqual(['쓰담쓰담 동물병원', '24시 쓰담쓰담 동물메디컬 센터']);
    // a missing syllable, and an extra one
    expect(await names('쓰담쓰동물')).toContain('쓰담쓰담 동물병원');
    expect(await names('쓰담쓰담담동물')).toContain('쓰담쓰담 동물병원');
  });

  it('matches each word in the name or the area: "강남 24" is the 24-hour hospitals of 강남', async () => {
    const found = await searchAll('강남 24');
    expect(found.map((e) => e.node.name)).toContain('24시SNC동물메디컬센터');
    for (const { node } of found) {
      expect(node.name.normalize('NFKC')).toContain('24');
      expect(`${node.name} ${node.address ?? node.roadAddress}`).toContain('강남');
    }
    expect(idsOf(found)).toEqual(
      await idsWhere(`${folded} like '%24%' and (${folded} like '%강남%' or replace(split_part(coalesce(address, road_address), ' ', 2), ' ', '') like '%강남%')`),
    );
  });

  it('narrows to a 구, named alone or with its city', async () => {
    const inGangnam = await searchAll('동물병원', { district: '강남구' });
    expect(inGangnam.length).toBeGreaterThan(20);
    expect(inGangnam.every((e) => e.node.district === '강남구')).toBe(true);
    expect(idsOf(inGangnam)).toEqual(await idsWhere(`${folded} like '%동물병원%' and district = '강남구'`));
    expect(idsOf(await searchAll('동물병원', { district: '서울특별시 강남구' }))).toEqual(idsOf(inGangnam));
    const junggu = await searchAll('동물병원', { district: '중구' });
    expect(new Set(junggu.map((e) => e.node.address?.split(' ')[0])).size).toBeGreaterThan(1);
  });

  it('near a point: only within the radius, the nearest first among equal matches', async () => {
    const found = await searchAll('동물병원', { near: { ...GANGNAM_STATION, radiusMeters: 1000 } });
    expect(found.length).toBeGreaterThan(5);
    expect(found.every((e) => e.distanceMeters <= 1000)).toBe(true);
    const distances = found.map((e) => e.distanceMeters);
    // "…동물병원" names all match the same way (the word inside the name), so distance orders them
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect((await search('동물병원')).data.searchHospitals.edges[0].distanceMeters).toBeNull();
  });

  it('pages in one stable order', async () => {
    const onePage = (await search('동물', { first: 50, district: '서초구' })).data.searchHospitals;
    expect(onePage.pageInfo.hasNextPage).toBe(false);
    const paged = await searchAll('동물', { district: '서초구' }, 6);
    expect(paged.map((e) => e.node.id)).toEqual(onePage.edges.map((e: any) => e.node.id));
  });

  it('matches a one-syllable word at the start of names', async () => {
    const found = await searchAll('강');
    expect(found.length).toBeGreaterThan(10);
    expect(found.every((e) => e.node.name.startsWith('강'))).toBe(true);
  });

  it('includes closed licences only when asked', async () => {
    const HAECHI = '321000001020110001';
    const open = (await searchAll('해치동물병원')).map((e) => e.node);
    expect(open.every((h) => h.status === 'OPEN')).toBe(true);
    expect(open.map((h) => h.id)).not.toContain(HAECHI);
    const closed = (await search('해치동물병원', { closed: true })).data.searchHospitals.edges;
    expect(closed.map((e: any) => e.node.id)).toContain(HAECHI);
  });

  it('answers hostile input with a clear error or nothing, never a server error', async () => {
    const refused: [string, Record<string, unknown>, string][] = [
      ['', {}, 'query'],
      ['    ', {}, 'query'],
      ['가'.repeat(1000), {}, 'query'],
      ['동물\u0000병원', {}, 'query'],
      ['가 나 다 라 마 바 사 아 자', {}, 'query'],
      ['동물', { district: '강남\u0000구' }, 'district'],
      ['동물', { first: 51 }, 'first'],
      ['동물', { after: 'bm90IGEgY3Vyc29y' }, 'after'],
      ['동물', { near: { latitude: 35.68, longitude: 139.76 } }, 'near.longitude'],
    ];
    for (const [q, vars, field] of refused) {
      const res = await search(q, vars);
      expect(res.status, q.slice(0, 20)).toBe(200);
      expect(res.errors?.[0]?.extensions, q.slice(0, 20)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    for (const q of [`'; drop table hospital; --`, `동물' or '1'='1`, '%', '%%', '_동물', '동물\\', 'select * from hospital']) {
      const res = await search(q);
      expect(res.status, q).toBe(200);
      expect(res.errors, q).toBeUndefined();
    }
    // LIKE's wildcards and SQL are only text to look for
    for (const q of [`'; drop table hospital; --`, '%', '%%', '__', `' or '1'='1`]) expect((await search(q)).data.searchHospitals.edges, q).toEqual([]);
    expect(await api.sql('select count(*)::int as n from hospital')).toEqual([{ n: 9736 }]);
  });

  it('is answered from the indexes, not a scan of the table', async () => {
    const plans: Record<string, string> = {};
    for (const q of ['쓰담쓰담', '동물메디칼', '강']) {
      const [query] = (await recordQueries(api.service.orm, () => search(q))).filter((r) => r.sql.includes('search_'));
      const plan = await executeBound<{ 'QUERY PLAN': string }>(api.service.orm.em.fork(), `explain ${query!.sql}`, query!.params as unknown[]);
      plans[q] = plan.map((p) => p['QUERY PLAN']).join('\n');
    }
    expect(plans['쓰담쓰담']).toContain('hospital_search_grams_idx');
    expect(plans['동물메디칼']).toContain('hospital_search_grams_idx');
    expect(plans['강']).toContain('hospital_search_name_prefix_idx');
    for (const plan of Object.values(plans)) expect(plan).not.toMatch(/Seq Scan on hospital/);
  });

  it('keeps one plan only for searches of rare words, a plan that reads the index whatever rare word it is sent', async () => {
    const sent = async (q: string) => (await recordQueries(api.service.orm, () => search(q))).find((r) => r.sql.includes('search_'))!;
    const rare = await sent('쓰담쓰담');
    expect(rare.prepared).toBe(true);
    // common words and one-syllable prefixes are planned with their values on every call
    for (const q of ['동물병원', '강', '서초 동물병원']) expect((await sent(q)).prepared, q).toBe(false);
    // the generic plan PostgreSQL may settle on for that statement (values play no part in it)
    const plan = await api.service.orm.em.fork().transactional(async (tx) => {
      await executeBound(tx, 'set local plan_cache_mode = force_generic_plan', []);
      await executeBound(tx, `prepare rare_word_search as ${rare.sql}`, []);
      const nulls = (rare.params as unknown[]).map(() => 'null').join(', ');
      const rows = await executeBound<{ 'QUERY PLAN': string }>(tx, `explain execute rare_word_search(${nulls})`, []);
      await executeBound(tx, 'deallocate rare_word_search', []);
      return rows.map((p) => p['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('hospital_search_grams_idx');
    expect(plan).not.toMatch(/Seq Scan on hospital/);
  });

  it('prepares a bounded number of search shapes, however many a user makes up, and still answers the rest', async () => {
    // Rare words of every length, alone and in pairs: far more shapes (words × variants) than may be prepared.
    const words = Array.from({ length: 14 }, (_, i) => '쓰담'.repeat(8).slice(0, i + 2));
    const queries = [...words, ...words.flatMap((a) => words.slice(0, 6).map((b) => `${a} ${b}`))];
    const shapes = new Set<string>();
    const prepared = new Set<string>();
    for (const q of queries) {
      const sent = await recordQueries(api.service.orm, async () => expect((await search(q)).errors, q).toBeUndefined());
      for (const s of sent.filter((r) => r.sql.includes('search_'))) {
        shapes.add(s.sql);
        if (s.prepared) prepared.add(s.sql);
      }
    }
    expect(shapes.size).toBeGreaterThan(64);
    expect(prepared.size).toBeGreaterThan(0);
    expect(prepared.size).toBeLessThanOrEqual(64);
  });
});
