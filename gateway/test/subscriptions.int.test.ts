import { randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import WebSocket from 'ws';
import { Kafka, logLevel } from 'kafkajs';
import { createClient, type Client } from 'graphql-ws';
import { issueAccessToken } from '@petcare/service-kit';
import { startTestSubgraph, TEST_GATEWAY_SECRET, waitUntil, type TestSubgraph } from '@petcare/service-kit/testing';
import { systemTopics } from '@petcare/cdc';
import { registerTestConnector, removeTestConnector, testBrokers } from '@petcare/cdc/connect';
import { loadConfig as usersConfig } from '@petcare/users/config';
import { buildUsersService, type UsersService } from '@petcare/users/server';
import { loadConfig as neighborhoodsConfig } from '@petcare/neighborhoods/config';
import { buildNeighborhoodsService, type NeighborhoodsService } from '@petcare/neighborhoods/server';
import { importBoundaries } from '@petcare/neighborhoods/boundaries';
import { loadConfig as hospitalsConfig } from '@petcare/hospitals/config';
import { buildHospitalsService, type HospitalsService } from '@petcare/hospitals/server';
import { loadConfig as alertsConfig } from '@petcare/alerts/config';
import { buildAlertsService, type AlertsService } from '@petcare/alerts/server';
import { loadConfig } from '../src/config.ts';
import { buildGateway, type Gateway } from '../src/server.ts';

// The app's live alerts end to end, on the real broker, Connect and PostgreSQL: users, neighborhoods, hospitals and
// TWO alerts instances on one alerts database, its CDC connector, and TWO gateways (gateway 1 resolves through
// alerts A, gateway 2 through alerts B). Real graphql-ws clients subscribe through both gateways.
const accessSecret = 'subscriptions-test-access-secret-0123456789';
const ns = `t${randomBytes(3).toString('hex')}_`;
const connector = `${ns}alerts-cdc`.replace(/_/g, '-');
// Above the bursts the tests create for one user (a burst beyond it closes the connection too, by design).
const QUEUE_LIMIT = 20;
const YEOKSAM = { code: '1168064000', name: '역삼1동' };
const SAJIK = { code: '1111053000', name: '사직동' };
const HOSPITAL_1 = { id: '3220000-101-2020-00001', name: '역삼24시동물병원' };
const HOSPITAL_2 = { id: '3000000-101-2019-00002', name: '사직동물의료센터' };

const logLines: Record<string, unknown>[] = [];
let users: TestSubgraph<UsersService>;
let neighborhoods: TestSubgraph<NeighborhoodsService>;
let hospitals: TestSubgraph<HospitalsService>;
let alertsA: TestSubgraph<AlertsService>;
let alertsB: TestSubgraph<AlertsService>;
const gateways: { gateway: Gateway; url: string }[] = [];
const clients: Client[] = [];

const ALERT_ADDED = `subscription AlertAdded($after: ID) {
  alertAdded(after: $after) { id kind title createdAt neighborhood { code name } hospital { id name } }
}`;

interface Person {
  id: string;
  token: string;
}

/** One graphql-ws subscription as a test watches it. */
interface Watched {
  alerts: any[];
  errors: any[];
  socket(): WebSocket | undefined;
  closed: Promise<{ code: number; reason: string }>;
  dispose(): Promise<void>;
}

/**
 * Subscribes through gateway `gateway`. `resumes` makes the client behave as the README tells the app to: it keeps
 * `after` at the last alert received and lets graphql-ws reconnect on a retryable close (re-sending that payload).
 */
function watch(
  gateway: number,
  token: string | null,
  options: { after?: string; query?: string; pausable?: boolean; resumes?: boolean } = {},
): Watched {
  let closed!: (event: { code: number; reason: string }) => void;
  let socket: WebSocket | undefined;
  const watched: Watched = {
    alerts: [],
    errors: [],
    socket: () => socket,
    closed: new Promise((resolve) => (closed = resolve)),
    dispose: () => client.dispose() as Promise<void>,
  };
  const client = createClient({
    url: gateways[gateway]!.url.replace(/^http/, 'ws'),
    // Node's own WebSocket, except where the test must stop reading: ws can pause its socket.
    ...(options.pausable ? { webSocketImpl: WebSocket } : {}),
    connectionParams: token ? { Authorization: `Bearer ${token}` } : {},
    retryAttempts: options.resumes ? 3 : 0,
    on: {
      connected: (s) => {
        socket = s as WebSocket;
      },
      closed: (event) => closed({ code: (event as { code: number }).code, reason: (event as { reason: string }).reason }),
    },
  });
  clients.push(client);
  const payload = {
    query: options.query ?? ALERT_ADDED,
    variables: (options.after ? { after: options.after } : {}) as Record<string, unknown>,
  };
  client.subscribe(payload, {
    next: (result) => {
      if (result.errors) watched.errors.push(...result.errors);
      const alert = (result.data as any)?.alertAdded;
      if (!alert) return;
      watched.alerts.push(alert);
      if (options.resumes) payload.variables['after'] = alert.id;
    },
    error: (error) => watched.errors.push(error),
    complete: () => undefined,
  });
  return watched;
}

async function signUp(email: string): Promise<Person> {
  const res = await fetch(gateways[0]!.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation ($i: SignUpInput!) { signUp(input: $i) { token user { id } } }',
      variables: { i: { email, password: 'long enough password', displayName: email.split('@')[0] } },
    }),
  });
  const body = (await res.json()) as any;
  return { id: body.data.signUp.user.id, token: body.data.signUp.token };
}

/** Stores an alert through one alerts instance's own database connection, as its producers do; returns its id. */
async function addAlert(via: TestSubgraph<AlertsService>, userId: string, place = 0, body = '동네 소식이 도착했어요.'): Promise<string> {
  const id = randomUUID();
  const [neighborhood, hospital] = place % 2 === 0 ? [YEOKSAM, HOSPITAL_1] : [SAJIK, HOSPITAL_2];
  await via.sql(`insert into alert (id, user_id, kind, title, body, data) values (?, ?, 'HOSPITAL_UPDATE', ?, ?, ?::jsonb)`, [
    id,
    userId,
    `${neighborhood.name} 소식`,
    body,
    JSON.stringify({ neighborhoodCode: neighborhood.code, hospitalId: hospital.id }),
  ]);
  return id;
}

const idsOf = (w: Watched) => w.alerts.map((a) => a.id as string);
const subscriptionCounts = () => gateways.map((g) => g.gateway.subscriptionCount());
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

const feature = (code: string, admCd: string, name: string, district: string, ring: number[][]) => ({
  type: 'Feature',
  properties: { adm_nm: `서울특별시 ${district} ${name}`, adm_cd: admCd, adm_cd2: code, sidonm: '서울특별시', sggnm: district },
  geometry: { type: 'Polygon', coordinates: [ring] },
});

beforeAll(async () => {
  users = await startTestSubgraph('users', (env, log) => buildUsersService(usersConfig(env), log), { ACCESS_TOKEN_SECRET: accessSecret });
  neighborhoods = await startTestSubgraph('nbh', (env, log) => buildNeighborhoodsService(neighborhoodsConfig(env), log));
  hospitals = await startTestSubgraph('hospitals', (env, log) => buildHospitalsService(hospitalsConfig(env), log));
  alertsA = await startTestSubgraph('alerts', (env, log) => buildAlertsService(alertsConfig(env), log));
  alertsB = await startTestSubgraph('alerts', (env, log) => buildAlertsService(alertsConfig(env), log), {
    DATABASE_URL: alertsA.databaseUrl,
  });

  await importBoundaries(neighborhoods.service.orm.em.fork(), {
    type: 'FeatureCollection',
    features: [
      feature(YEOKSAM.code, '1123064', YEOKSAM.name, '강남구', [
        [127.03, 37.495],
        [127.045, 37.495],
        [127.045, 37.505],
        [127.03, 37.505],
        [127.03, 37.495],
      ]),
      feature(SAJIK.code, '1101053', SAJIK.name, '종로구', [
        [126.96, 37.57],
        [126.975, 37.57],
        [126.975, 37.58],
        [126.96, 37.58],
        [126.96, 37.57],
      ]),
    ],
  });
  for (const h of [HOSPITAL_1, HOSPITAL_2]) {
    await hospitals.sql(
      `insert into hospital (id, name, status, status_code, open_24_hours, imported_at, updated_at) values (?, ?, 'OPEN', '01', false, now(), now())`,
      [h.id, h.name],
    );
  }

  await registerTestConnector({
    name: connector,
    template: 'alerts-cdc',
    database: new URL(alertsA.databaseUrl).pathname.slice(1),
    topicPrefix: `${ns}alerts`,
  });

  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  for (const [index, alerts] of [alertsA, alertsB].entries()) {
    const config = loadConfig({
      PORT: '0',
      ACCESS_TOKEN_SECRET: accessSecret,
      GATEWAY_SIGNING_SECRET: TEST_GATEWAY_SECRET,
      USERS_URL: users.url,
      NEIGHBORHOODS_URL: neighborhoods.url,
      HOSPITALS_URL: hospitals.url,
      ALERTS_URL: alerts.url,
      KAFKA_BROKERS: testBrokers.join(','),
      CDC_TOPIC_NAMESPACE: ns,
      SUBSCRIPTION_QUEUE_LIMIT: String(QUEUE_LIMIT),
      SUBSCRIPTIONS_PER_CONNECTION: '2',
    });
    const gateway = await buildGateway(config, pino({ level: 'info' }, sink).child({ gateway: index + 1 }));
    gateways.push({ gateway, url: await gateway.listen(0) });
  }
}, 180_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  for (const { gateway } of gateways) await gateway.close();
  await Promise.all([alertsB, neighborhoods, hospitals, users].map((s) => s?.close()));
  await removeTestConnector(connector, new URL('/postgres', alertsA.databaseUrl).toString());
  await alertsA?.close();
});

describe('alertAdded through two gateways over two alerts instances', () => {
  it("delivers each of a user's alerts exactly once to each of their subscribers, with fields of two other subgraphs, and nobody else's", async () => {
    const mina = await signUp('mina@example.com');
    const joon = await signUp('joon@example.com');
    // What each user already holds: the app subscribes with after = the newest one.
    const anchors = { [mina.id]: await addAlert(alertsA, mina.id), [joon.id]: await addAlert(alertsB, joon.id) };

    const subscribers = [
      { person: mina, watched: watch(0, mina.token) },
      { person: mina, watched: watch(1, mina.token, { after: anchors[mina.id] }) },
      { person: joon, watched: watch(0, joon.token, { after: anchors[joon.id] }) },
      { person: joon, watched: watch(1, joon.token) },
    ];
    await waitUntil('every subscription listens on its gateway', async () => subscriptionCounts().join() === '2,2', 20_000);

    // Through both alerts instances, some at once: they share one database and so one CDC stream.
    const expected: Record<string, string[]> = { [mina.id]: [], [joon.id]: [] };
    for (let i = 0; i < 8; i++) {
      const created = await Promise.all([
        addAlert(i % 2 ? alertsB : alertsA, mina.id, i),
        addAlert(i % 2 ? alertsA : alertsB, joon.id, i + 1),
      ]);
      expected[mina.id]!.push(created[0]);
      expected[joon.id]!.push(created[1]);
    }
    for (let i = 0; i < 4; i++) expected[mina.id]!.push(await addAlert(alertsB, mina.id, i));

    await waitUntil(
      'every subscriber has received its alerts',
      async () => subscribers.every(({ person, watched }) => watched.alerts.length >= expected[person.id]!.length),
      30_000,
    ).catch((error) => {
      console.log(JSON.stringify(subscribers.map((s) => ({ got: s.watched.alerts.length, errors: s.watched.errors }))));
      console.log(
        logLines
          .filter((l) => (l['level'] as number) >= 30 && l['msg'] !== 'graphql request')
          .map((l) => JSON.stringify(l))
          .join('\n'),
      );
      throw error;
    });
    // Late duplicates (a replay) would arrive now.
    await pause(1_500);

    let delivered = 0;
    let duplicates = 0;
    let missed = 0;
    let foreign = 0;
    for (const { person, watched } of subscribers) {
      const ids = idsOf(watched);
      delivered += ids.length;
      duplicates += ids.length - new Set(ids).size;
      missed += expected[person.id]!.filter((id) => !ids.includes(id)).length;
      foreign += ids.filter((id) => !expected[person.id]!.includes(id)).length;
      expect(watched.errors).toEqual([]);
      expect(new Set(ids)).toEqual(new Set(expected[person.id]));
      expect(ids).toHaveLength(expected[person.id]!.length);
      for (const alert of watched.alerts) {
        // neighborhood.name comes from the neighborhoods service, hospital.name from hospitals.
        expect([
          [YEOKSAM.code, YEOKSAM.name, HOSPITAL_1.id, HOSPITAL_1.name],
          [SAJIK.code, SAJIK.name, HOSPITAL_2.id, HOSPITAL_2.name],
        ]).toContainEqual([alert.neighborhood.code, alert.neighborhood.name, alert.hospital.id, alert.hospital.name]);
        expect(alert.title).toBe(`${alert.neighborhood.name} 소식`);
      }
    }
    const created = expected[mina.id]!.length + expected[joon.id]!.length;
    console.log(
      `alertAdded: ${subscribers.length} subscribers on 2 gateways, ${created} alerts created through 2 alerts instances, ` +
        `${delivered} delivered (expected ${subscribers.reduce((n, s) => n + expected[s.person.id]!.length, 0)}), ${duplicates} duplicates, ${missed} missed, ${foreign} of another user`,
    );
    expect({ duplicates, missed, foreign }).toEqual({ duplicates: 0, missed: 0, foreign: 0 });

    // A replay of the topic (what a Connect restart causes) is dropped by each subscription.
    const kafka = new Kafka({ brokers: testBrokers, logLevel: logLevel.NOTHING });
    const replay: { key: Buffer | null; value: Buffer | null }[] = [];
    const reader = kafka.consumer({ groupId: `${ns}replay-reader` });
    await reader.connect();
    await reader.subscribe({ topic: systemTopics(ns).alerts, fromBeginning: true });
    await reader.run({ eachMessage: async ({ message }) => void replay.push({ key: message.key, value: message.value }) });
    await waitUntil('the test read the topic back', async () => replay.length >= created + 2, 20_000);
    await reader.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: systemTopics(ns).alerts, messages: replay });
    await producer.disconnect();
    const before = subscribers.map((s) => s.watched.alerts.length);
    await pause(2_500);
    expect(subscribers.map((s) => s.watched.alerts.length)).toEqual(before);
    console.log(`alertAdded: replayed ${replay.length} CDC messages; 0 delivered again`);

    await Promise.all(subscribers.map((s) => s.watched.dispose()));
    await waitUntil('the subscriptions are gone from the feeds', async () => subscriptionCounts().join() === '0,0');
  });

  it('gives a client that resumes with after what it missed, oldest first, then live alerts, without duplicates', async () => {
    const mina = await signUp('mina.resume@example.com');
    const other = await signUp('other.resume@example.com');
    const first = await addAlert(alertsA, mina.id);
    const live = watch(0, mina.token, { after: first });
    const seen = await addAlert(alertsA, mina.id);
    await waitUntil('the first connection saw an alert', async () => idsOf(live).includes(seen));
    await live.dispose();

    const missed = [await addAlert(alertsB, mina.id, 1), await addAlert(alertsA, mina.id, 2), await addAlert(alertsB, mina.id, 3)];
    const resumed = watch(1, mina.token, { after: seen });
    await waitUntil('the missed alerts arrived', async () => resumed.alerts.length >= 3);
    const later = [await addAlert(alertsA, mina.id), await addAlert(alertsB, mina.id, 1)];
    await waitUntil('the live alerts arrived', async () => resumed.alerts.length >= 5);
    await pause(1_000);
    // What was missed comes oldest first by (createdAt, id), as the inbox orders it: alerts inserted within one
    // millisecond share a createdAt and keep the order of their ids, not of the test's inserts. Live ones come in
    // commit order.
    const missedInOrder = await alertsA.sql<{ id: string }>('select id from alert where id in (?) order by created_at, id', [missed]);
    expect(idsOf(resumed)).toEqual([...missedInOrder.map((r) => r.id), ...later]);
    expect(resumed.errors).toEqual([]);
    console.log(
      `alertAdded resume: ${missed.length} missed delivered first, then ${later.length} live; ${idsOf(resumed).length} delivered in all`,
    );
    await resumed.dispose();

    // `after` must be one of the caller's own alerts.
    const otherAlert = await addAlert(alertsA, other.id);
    for (const after of [otherAlert, 'not-an-id']) {
      const refused = watch(0, mina.token, { after });
      await waitUntil('the subscription is refused', async () => refused.errors.length > 0);
      expect(refused.errors[0]).toEqual([
        expect.objectContaining({ message: expect.stringMatching(/^after: /), extensions: { code: 'BAD_USER_INPUT', field: 'after' } }),
      ]);
      await refused.dispose();
    }
  });

  it('closes a client that stops reading with 1013 when its queue overflows, while another keeps receiving', async () => {
    const user = await signUp('slow@example.com');
    const query = `subscription ($after: ID) { alertAdded(after: $after) { id body } }`;
    const listening = subscriptionCounts()[0]!;
    const healthy = watch(0, user.token, { query });
    const slow = watch(0, user.token, { query, pausable: true, resumes: true });
    await waitUntil('both subscriptions listen', async () => subscriptionCounts()[0] === listening + 2, 20_000);
    slow.socket()!.pause();

    // Large alerts fill the socket buffers between the gateway and the paused client quickly; then its queue.
    const body = '가'.repeat(40_000);
    const created: string[] = [];
    const overflowed = () =>
      logLines.some(
        (l) => l['msg'] === 'closing a subscription connection that is not reading: its alert queue is full' && l['userId'] === user.id,
      );
    for (let batch = 0; batch < 40 && !overflowed(); batch++) {
      for (let i = 0; i < 8; i++) created.push(await addAlert(batch % 2 ? alertsB : alertsA, user.id, i, body));
      await pause(300);
    }
    expect(overflowed()).toBe(true);
    const paused = slow.socket()!;
    paused.resume();
    expect(await slow.closed).toEqual({ code: 1013, reason: 'too many alerts waiting: reconnect with after' });
    const beforeClose = slow.alerts.length;

    await waitUntil('the healthy subscriber has every alert', async () => healthy.alerts.length >= created.length, 30_000);
    expect(new Set(idsOf(healthy))).toEqual(new Set(created));
    expect(idsOf(healthy)).toHaveLength(created.length);

    // graphql-ws reconnects on 1013 by itself, with after = the last alert the client received: it gets the rest.
    await waitUntil('the closed client has caught up after reconnecting', async () => slow.alerts.length >= created.length, 30_000);
    await pause(500);
    expect(slow.socket()).not.toBe(paused);
    expect(idsOf(slow)).toEqual(created);
    console.log(
      `alertAdded backpressure: ${created.length} alerts of ~120 kB; the paused client had ${beforeClose} when it was closed with 1013, ` +
        `then reconnected with after and got the other ${slow.alerts.length - beforeClose} (${slow.alerts.length} in all, no duplicates); the other client got ${healthy.alerts.length}`,
    );
    await Promise.all([healthy.dispose(), slow.dispose()]);
  });

  it('closes the socket with 4401 when the access token expires, and refuses forged and expired tokens', async () => {
    const user = await signUp('expiring@example.com');
    const shortLived = await issueAccessToken(accessSecret, user.id, 2);
    const listening = subscriptionCounts()[1]!;
    const expiring = watch(1, shortLived.token);
    await waitUntil('the subscription listens', async () => subscriptionCounts()[1] === listening + 1, 20_000);
    const started = Date.now();
    expect(await expiring.closed).toEqual({ code: 4401, reason: 'access token expired: sign in again' });
    expect(Date.now()).toBeGreaterThanOrEqual(shortLived.expiresAt.getTime() - 1_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    await waitUntil('the expired subscription is gone', async () => subscriptionCounts()[1] === listening);

    const forged = await issueAccessToken('not-the-users-service-secret-0123456789', user.id, 3600);
    expect(await watch(0, forged.token).closed).toEqual({ code: 4401, reason: 'access token is invalid: sign in again' });
    const expired = await issueAccessToken(accessSecret, user.id, -60);
    expect(await watch(1, expired.token).closed).toEqual({ code: 4401, reason: 'access token expired: sign in again' });
    expect(JSON.stringify(logLines)).not.toContain(forged.token);
  });

  it('refuses an anonymous subscription, and more subscriptions on one connection than allowed', async () => {
    const anonymous = watch(0, null);
    await waitUntil('the anonymous subscription is refused', async () => anonymous.errors.length > 0);
    expect(anonymous.errors[0]).toEqual([expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })]);

    const user = await signUp('greedy@example.com');
    const client = createClient({
      url: gateways[0]!.url.replace(/^http/, 'ws'),
      connectionParams: { Authorization: `Bearer ${user.token}` },
      retryAttempts: 0,
    });
    clients.push(client);
    const errors: any[] = [];
    for (let i = 0; i < 3; i++)
      client.subscribe({ query: ALERT_ADDED }, { next: () => undefined, error: (e) => errors.push(e), complete: () => undefined });
    await waitUntil('the third subscription is refused', async () => errors.length > 0);
    expect(errors).toEqual([[expect.objectContaining({ message: 'a connection may hold at most 2 subscriptions; complete one first' })]]);
  });
});
