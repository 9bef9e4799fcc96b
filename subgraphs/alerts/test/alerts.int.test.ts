import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT } from '@petcare/service-kit/development';
import { callsWithoutGateway, recordQueries, startTestSubgraph, type TestSubgraph } from '@petcare/service-kit/testing';
import { loadConfig } from '../src/config.ts';
import { buildAlertsService, type AlertsService } from '../src/server.ts';
import { createAlert, type NewAlert } from '../src/modules/alert/alert.repository.ts';
import { seedDemoAlerts } from '../src/modules/alert/demo-alerts.ts';
import { createLoaders } from '../src/loaders.ts';

let alerts: TestSubgraph<AlertsService>;
const call = <T = any>(query: string, variables: Record<string, unknown> = {}, userId: string | null = null) => alerts.call<T>(query, variables, userId);
const sql = <T = any>(query: string, params: unknown[] = []) => alerts.sql<T>(query, params);

/** Stores `count` alerts for a user, three at a time sharing one createdAt (as one event fanned out would). */
async function addAlerts(userId: string, count: number, extra: Partial<NewAlert> = {}): Promise<string[]> {
  const em = alerts.service.orm.em.fork();
  const base = Date.parse('2026-11-01T00:00:00.000Z');
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = await createAlert(em, {
      userId,
      kind: 'NEIGHBORHOOD_NOTICE',
      title: `역삼1동 소식 ${i + 1}`,
      body: '동네 소식이 도착했어요.',
      data: { neighborhoodCode: '1168064000', n: i },
      createdAt: new Date(base + Math.floor(i / 3) * 60_000),
      ...extra,
    });
    if (id) ids.push(id);
  }
  return ids;
}

/** Counts the SQL statements run while `fn` runs, keeping those that mention `table`. */
async function countQueries(table: string, fn: () => Promise<unknown>): Promise<string[]> {
  return (await recordQueries(alerts.service.orm, fn)).map((q) => q.sql).filter((q) => q.includes(table));
}

const PAGE = `query ($first: Int, $after: String, $unreadOnly: Boolean) {
  alerts(first: $first, after: $after, unreadOnly: $unreadOnly) {
    nodes { id kind title body data createdAt readAt isRead }
    pageInfo { hasNextPage endCursor }
    totalCount
  }
}`;
const USER_FIELDS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id unreadAlertCount alerts(first: 3) { nodes { id } totalCount } } } }`;
const MARK = `mutation ($id: ID!) { markAlertRead(id: $id) { id readAt isRead } }`;

beforeAll(async () => {
  alerts = await startTestSubgraph('alerts', (env, log) => buildAlertsService(loadConfig(env), log));
});

afterAll(() => alerts?.close());

describe('alerts subgraph', () => {
  it('pages through 45 alerts newest first, 20 + 20 + 5, without gaps or duplicates on equal createdAt', async () => {
    const user = randomUUID();
    await addAlerts(user, 45);
    const expected = (await sql<{ id: string }>('select id from alert where user_id = ? order by created_at desc, id desc', [user])).map((r) => r.id);

    const seen: string[] = [];
    const pages: { size: number; hasNextPage: boolean }[] = [];
    let after: string | null = null;
    do {
      const res: any = await call(PAGE, { first: 20, after }, user);
      expect(res.errors).toBeUndefined();
      const { nodes, pageInfo, totalCount } = res.data.alerts;
      expect(totalCount).toBe(45);
      seen.push(...nodes.map((n: { id: string }) => n.id));
      pages.push({ size: nodes.length, hasNextPage: pageInfo.hasNextPage });
      after = pageInfo.hasNextPage ? pageInfo.endCursor : null;
    } while (after);

    expect(pages).toEqual([
      { size: 20, hasNextPage: true },
      { size: 20, hasNextPage: true },
      { size: 5, hasNextPage: false },
    ]);
    expect(new Set(seen).size).toBe(45);
    expect(seen).toEqual(expected);

    const first = (await call(PAGE, { first: 1 }, user)).data.alerts.nodes[0];
    // The newest minute holds alerts 43 to 45; the id breaks the tie.
    expect(first).toMatchObject({
      id: expected[0],
      kind: 'NEIGHBORHOOD_NOTICE',
      title: expect.stringMatching(/^역삼1동 소식 4[345]$/),
      data: { neighborhoodCode: '1168064000', n: expect.any(Number) },
      createdAt: '2026-11-01T00:14:00.000Z',
      readAt: null,
      isRead: false,
    });
  });

  it('answers me { alerts } (a User reference for the caller) like Query.alerts', async () => {
    const user = randomUUID();
    await addAlerts(user, 4);
    const direct = await call(PAGE, { first: 3 }, user);
    const viaUser = await call(USER_FIELDS, { r: [{ __typename: 'User', id: user }] }, user);
    expect(viaUser.errors).toBeUndefined();
    expect(viaUser.data._entities[0].alerts.nodes).toEqual(direct.data.alerts.nodes.map((n: { id: string }) => ({ id: n.id })));
    expect(viaUser.data._entities[0]).toMatchObject({ id: user, unreadAlertCount: 4, alerts: { totalCount: 4 } });
  });

  it('lists only unread alerts when unreadOnly is true', async () => {
    const user = randomUUID();
    const ids = await addAlerts(user, 5);
    await sql(`update alert set read_at = now() where id in (?, ?)`, [ids[0], ids[1]]);
    const res = await call(PAGE, { unreadOnly: true }, user);
    expect(res.data.alerts.totalCount).toBe(3);
    expect(res.data.alerts.nodes.map((n: any) => n.id).sort()).toEqual(ids.slice(2).sort());
    expect(res.data.alerts.nodes.every((n: any) => n.isRead === false && n.readAt === null)).toBe(true);
    const all = await call(PAGE, { unreadOnly: false }, user);
    expect(all.data.alerts.totalCount).toBe(5);
  });

  it('marks one alert read once, and never touches or reveals someone else\'s', async () => {
    const owner = randomUUID();
    const stranger = randomUUID();
    const [mine, other] = [(await addAlerts(owner, 1))[0]!, (await addAlerts(stranger, 1))[0]!];

    const first = await call(MARK, { id: mine }, owner);
    expect(first.errors).toBeUndefined();
    expect(first.data.markAlertRead).toMatchObject({ id: mine, isRead: true });
    expect(first.data.markAlertRead.readAt).toEqual(expect.any(String));

    const again = await call(MARK, { id: mine }, owner);
    expect(again.data.markAlertRead.readAt).toBe(first.data.markAlertRead.readAt);

    const theirs = await call(MARK, { id: other }, owner);
    expect(theirs.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await sql('select read_at from alert where id = ?', [other])).toEqual([{ read_at: null }]);

    const missing = await call(MARK, { id: randomUUID() }, owner);
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(missing.errors?.[0]?.message).toBe(theirs.errors?.[0]?.message);
  });

  it('marks all the caller\'s unread alerts read and says how many changed', async () => {
    const user = randomUUID();
    const bystander = randomUUID();
    const ids = await addAlerts(user, 6);
    await addAlerts(bystander, 2);
    await call(MARK, { id: ids[0] }, user);

    expect((await call(`mutation { markAllAlertsRead }`, {}, user)).data.markAllAlertsRead).toBe(5);
    expect((await call(`mutation { markAllAlertsRead }`, {}, user)).data.markAllAlertsRead).toBe(0);
    expect((await call(PAGE, { unreadOnly: true }, user)).data.alerts.totalCount).toBe(0);
    expect((await call(PAGE, { unreadOnly: true }, bystander)).data.alerts.totalCount).toBe(2);
  });

  it('counts unread alerts of many users in one SQL query', async () => {
    const users = [randomUUID(), randomUUID(), randomUUID()];
    await addAlerts(users[0]!, 2);
    await addAlerts(users[1]!, 5);
    const loaders = createLoaders(alerts.service.orm.em.fork());
    let counts: number[] = [];
    const queries = await countQueries('alert', async () => {
      counts = await Promise.all(users.map((id) => loaders.unreadAlertCountByUserId.load(id)));
    });
    expect(counts).toEqual([2, 5, 0]);
    expect(queries).toHaveLength(1);

    // Through _entities, as the gateway asks: the caller's count is answered, the others are refused,
    // and the refused ones cost no query.
    let res: any;
    const viaEntities = await countQueries('alert', async () => {
      res = await call(
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id unreadAlertCount } } }`,
        { r: [...users, users[0]].map((id) => ({ __typename: 'User', id })) },
        users[0],
      );
    });
    expect(res.data._entities[0]).toEqual({ id: users[0], unreadAlertCount: 2 });
    expect(res.data._entities[3]).toEqual({ id: users[0], unreadAlertCount: 2 });
    expect(res.errors.map((e: any) => [e.path[1], e.extensions.code])).toEqual([[1, 'FORBIDDEN'], [2, 'FORBIDDEN']]);
    expect(viaEntities).toHaveLength(1);
  });

  it('reads many pages of different users in one SQL query', async () => {
    const users = [randomUUID(), randomUUID(), randomUUID()];
    for (const [i, id] of users.entries()) await addAlerts(id, i + 2);
    const loaders = createLoaders(alerts.service.orm.em.fork());
    let pages: { alerts: { userId: string }[]; hasNextPage: boolean }[] = [];
    const queries = await countQueries('alert', async () => {
      pages = await Promise.all(users.map((userId) => loaders.alertPage.load({ userId, first: 3, after: null, unreadOnly: false })));
    });
    expect(queries).toHaveLength(1);
    expect(pages.map((p) => [p.alerts.length, p.hasNextPage])).toEqual([[2, false], [3, false], [3, true]]);
    expect(pages.every((p, i) => p.alerts.every((a) => a.userId === users[i]))).toBe(true);
  });

  it('refuses another user\'s alerts with FORBIDDEN and anonymous callers with UNAUTHENTICATED', async () => {
    const owner = randomUUID();
    const snoop = randomUUID();
    const [id] = await addAlerts(owner, 1);
    const rep = { r: [{ __typename: 'User', id: owner }] };

    const forbidden = await call(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { alerts { nodes { id } } } } }`, rep, snoop);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(forbidden)).not.toContain(id);

    const anonymous = await call(USER_FIELDS, rep, null);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await call(PAGE)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await call(MARK, { id })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await call(`mutation { markAllAlertsRead }`)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    // An Alert reference resolves only for its owner.
    const alertRef = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Alert { id title } } }`;
    const r = { r: [{ __typename: 'Alert', id }] };
    expect((await call(alertRef, r, owner)).data._entities).toEqual([{ id, title: '역삼1동 소식 1' }]);
    expect((await call(alertRef, r, snoop)).data._entities).toEqual([null]);
  });

  it('rejects bad first, after and id with BAD_USER_INPUT naming the argument', async () => {
    const user = randomUUID();
    const expectBad = async (res: any, field: string) => {
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(res.data).toBeNull();
    };
    await expectBad(await call(PAGE, { first: 0 }, user), 'first');
    await expectBad(await call(PAGE, { first: 101 }, user), 'first');
    await expectBad(await call(PAGE, { after: 'not-a-cursor' }, user), 'after');
    await expectBad(await call(PAGE, { after: Buffer.from('2026-11-01|x').toString('base64url') }, user), 'after');
    await expectBad(await call(MARK, { id: 'not-a-uuid' }, user), 'id');
    expect((await call(PAGE, { first: 100 }, user)).errors).toBeUndefined();
  });

  it('answers alert(id) with the caller\'s own alert only, and names the neighbourhood and hospital it is about', async () => {
    const owner = randomUUID();
    const snoop = randomUUID();
    const [id] = await addAlerts(owner, 1, { kind: 'HOSPITAL_UPDATE', data: { neighborhoodCode: '1168064000', hospitalId: '3220000-101-2020-00042' } });
    const [bare] = await addAlerts(owner, 1, { kind: 'SYSTEM', data: null });
    const ALERT = `query ($id: ID!) { alert(id: $id) { id kind neighborhood { code } hospital { id } } }`;

    expect((await call(ALERT, { id }, owner)).data.alert).toEqual({
      id,
      kind: 'HOSPITAL_UPDATE',
      neighborhood: { code: '1168064000' },
      hospital: { id: '3220000-101-2020-00042' },
    });
    expect((await call(ALERT, { id: bare }, owner)).data.alert).toMatchObject({ neighborhood: null, hospital: null });
    // Someone else's alert looks exactly like a missing one.
    expect(await call(ALERT, { id }, snoop)).toMatchObject({ data: { alert: null } });
    expect((await call(ALERT, { id: randomUUID() }, owner)).data.alert).toBeNull();
    expect((await call(ALERT, { id })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await call(ALERT, { id: 'nope' }, owner)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('answers alertsAfter with the caller\'s alerts after one of theirs, oldest first, across equal createdAt', async () => {
    const user = randomUUID();
    await addAlerts(user, 10);
    await addAlerts(randomUUID(), 3);
    const oldestFirst = (await sql<{ id: string }>('select id from alert where user_id = ? order by created_at, id', [user])).map((r) => r.id);
    const AFTER = `query ($id: ID!, $first: Int) { alertsAfter(id: $id, first: $first) { id } }`;
    const after = async (id: string, first?: number) => ((await call(AFTER, { id, first }, user)).data.alertsAfter as { id: string }[]).map((a) => a.id);

    // The 4th alert shares its createdAt with the 5th and 6th: keyset on (createdAt, id) keeps both.
    expect(await after(oldestFirst[3]!)).toEqual(oldestFirst.slice(4));
    expect(await after(oldestFirst[3]!, 2)).toEqual(oldestFirst.slice(4, 6));
    expect(await after(oldestFirst[5]!, 2)).toEqual(oldestFirst.slice(6, 8));
    expect(await after(oldestFirst.at(-1)!)).toEqual([]);

    const foreign = (await sql<{ id: string }>('select id from alert where user_id <> ? limit 1', [user]))[0]!.id;
    for (const id of [foreign, randomUUID()]) {
      const res = await call(AFTER, { id }, user);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
      expect(JSON.stringify(res)).not.toContain('역삼1동');
    }
    expect((await call(AFTER, { id: oldestFirst[0], first: 101 }, user)).errors?.[0]?.extensions).toMatchObject({ field: 'first' });
    expect((await call(AFTER, { id: oldestFirst[0] })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('creates an alert once per dedupe key', async () => {
    const user = randomUUID();
    const em = alerts.service.orm.em.fork();
    const alert = { userId: user, kind: 'VERIFICATION_EXPIRING', title: '동네인증이 곧 만료돼요', body: '3일 후 역삼1동 인증이 만료돼요.' } as const;
    const first = await createAlert(em, { ...alert, dedupeKey: 'verification-expiring:v1' });
    const second = await createAlert(em, { ...alert, dedupeKey: 'verification-expiring:v1', title: '다른 제목' });
    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
    // Without a key nothing is deduplicated.
    expect(await createAlert(em, alert)).toEqual(expect.any(String));
    expect(await createAlert(em, alert)).toEqual(expect.any(String));
    const rows = await sql<{ title: string; dedupe_key: string | null }>('select title, dedupe_key from alert where user_id = ? order by dedupe_key', [user]);
    expect(rows).toEqual([
      { title: '동네인증이 곧 만료돼요', dedupe_key: 'verification-expiring:v1' },
      { title: '동네인증이 곧 만료돼요', dedupe_key: null },
      { title: '동네인증이 곧 만료돼요', dedupe_key: null },
    ]);
  });

  it('seeds the demo inbox once, however often the seed runs', async () => {
    expect(await seedDemoAlerts(alerts.service.orm.em.fork())).toEqual({ created: 4, existing: 0 });
    expect(await seedDemoAlerts(alerts.service.orm.em.fork())).toEqual({ created: 0, existing: 4 });
    const res = await call(PAGE, {}, DEMO_ACCOUNT.userId);
    expect(res.data.alerts.totalCount).toBe(4);
    expect(res.data.alerts.nodes.map((n: any) => [n.kind, n.isRead])).toEqual([
      ['HOSPITAL_UPDATE', false],
      ['NEIGHBORHOOD_NOTICE', false],
      ['SYSTEM', true],
      ['SYSTEM', true],
    ]);
  });

  it('rejects a request that did not come through the gateway', async () => {
    const { direct, forged } = await callsWithoutGateway(alerts.url, '{ alerts { totalCount } }');
    expect(direct).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(forged).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });
});
