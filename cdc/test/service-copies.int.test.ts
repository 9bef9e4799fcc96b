import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@petcare/service-kit';
import { dropTestDatabase, gatewaySignedRequest, testDatabaseUrl, waitUntil } from '@petcare/service-kit/testing';
import { registerTestConnector, removeTestConnector, testBrokers } from '@petcare/cdc/connect';
import { loadConfig as usersConfig } from '@petcare/users/config';
import { buildUsersService, type UsersService } from '@petcare/users/server';
import { loadConfig as neighborhoodsConfig } from '@petcare/neighborhoods/config';
import { buildNeighborhoodsService, type NeighborhoodsService } from '@petcare/neighborhoods/server';
import { importBoundaryFile } from '@petcare/neighborhoods/boundaries';
import { loadConfig as alertsConfig } from '@petcare/alerts/config';
import { buildAlertsService, type AlertsService } from '@petcare/alerts/server';

// A point inside 역삼1동 (1168064000), near Yeoksam station.
const YEOKSAM_1 = { latitude: 37.5006, longitude: 127.0364 };

// The services' real copies, kept by real Debezium and Kafka: users → neighborhoods and alerts,
// neighborhoods → alerts. Each service is built from its own code with its own database; they share
// nothing but the topics, in a namespace of this test's own.
const secret = 'copies-test-gateway-signing-secret-0123';
const ns = `t${randomBytes(3).toString('hex')}_`;
const db = { users: testDatabaseUrl('users'), neighborhoods: testDatabaseUrl('nbh'), alerts: testDatabaseUrl('alerts') };
const connectors = { users: `${ns}users-cdc`.replace(/_/g, '-'), neighborhoods: `${ns}neighborhoods-cdc`.replace(/_/g, '-') };
const adminUrl = new URL('/postgres', db.users).toString();
const boundaries = resolve(process.env['DATA_DIR'] ?? resolve(import.meta.dirname, '../../../shared/data'), 'boundaries/seoul-hangjeongdong-2021-04.geojson');
const log = createLogger('copies-test', 'silent');
const cdcEnv = { KAFKA_BROKERS: testBrokers.join(','), CDC_TOPIC_NAMESPACE: ns, GATEWAY_SIGNING_SECRET: secret, PORT: '0', LOG_LEVEL: 'silent' };

let users: UsersService;
let neighborhoods: NeighborhoodsService;
let alerts: AlertsService;
const url = { users: '', neighborhoods: '', alerts: '' };

const call = (service: keyof typeof url, query: string, variables: Record<string, unknown> = {}, userId: string | null = null) =>
  gatewaySignedRequest<any>(url[service], secret, query, variables, userId);

const rows = (service: { orm: { em: { getConnection(): { execute(sql: string, params?: unknown[]): Promise<any[]> } } } }, sql: string, params: unknown[] = []) =>
  service.orm.em.getConnection().execute(sql, params);

const VERIFY = 'mutation ($lat: Latitude!, $lng: Longitude!) { verifyNeighborhood(latitude: $lat, longitude: $lng) { neighborhood { code } } }';
let earlyUser: string;

/** Who alerts can push to in a 행정동, from its own copies alone: (user, token) of every active 동네인증 there. */
const targetsIn = (code: string) =>
  rows(
    alerts,
    `select v.user_id, d.token from verification_copy v join device_copy d on d.user_id = v.user_id
      where v.neighborhood_code = ? and v.expires_at > now() order by v.user_id, d.token`,
    [code],
  );

async function signUp(email: string, displayName: string): Promise<string> {
  const res = await call('users', 'mutation ($i: SignUpInput!) { signUp(input: $i) { user { id } } }', {
    i: { email, password: 'long enough password', displayName },
  });
  return res.data.signUp.user.id;
}

beforeAll(async () => {
  users = await buildUsersService(usersConfig({ ...cdcEnv, DATABASE_URL: db.users, ACCESS_TOKEN_SECRET: 'copies-test-access-token-secret-012345' }), log);
  neighborhoods = await buildNeighborhoodsService(neighborhoodsConfig({ ...cdcEnv, DATABASE_URL: db.neighborhoods }), log);
  alerts = await buildAlertsService(alertsConfig({ ...cdcEnv, DATABASE_URL: db.alerts }), log);
  url.users = await users.server.listen(0);
  url.neighborhoods = await neighborhoods.server.listen(0);
  url.alerts = await alerts.server.listen(0);
  await importBoundaryFile(neighborhoods.orm.em.fork(), boundaries);
  // A 동네인증 that exists before capture starts reaches the copies through Debezium's snapshot.
  earlyUser = await signUp('early@example.com', '먼저 온 집사');
  await call('neighborhoods', VERIFY, { lat: YEOKSAM_1.latitude, lng: YEOKSAM_1.longitude }, earlyUser);
  await registerTestConnector({ name: connectors.users, template: 'users-cdc', database: new URL(db.users).pathname.slice(1), topicPrefix: `${ns}users` });
  await registerTestConnector({
    name: connectors.neighborhoods,
    template: 'neighborhoods-cdc',
    database: new URL(db.neighborhoods).pathname.slice(1),
    topicPrefix: `${ns}neighborhoods`,
  });
  await neighborhoods.startBackground();
  await alerts.startBackground();
}, 240_000);

afterAll(async () => {
  await Promise.all([alerts?.close(), neighborhoods?.close(), users?.close()]);
  await removeTestConnector(connectors.users, adminUrl);
  await removeTestConnector(connectors.neighborhoods, adminUrl);
  await Promise.all(Object.values(db).map((u) => dropTestDatabase(u)));
});

describe('copies kept by CDC', () => {
  it('backfills a 동네인증 that existed before capture started', async () => {
    await waitUntil('the early 동네인증 is in the alerts copy', async () =>
      (await rows(alerts, "select 1 from verification_copy where user_id = ? and neighborhood_code = '1168064000'", [earlyUser])).length === 1,
    );
  });

  it('gives alerts the devices and 동네인증 it needs to target a neighbourhood, without calling anyone', async () => {
    const mina = await signUp('mina@example.com', '미나');
    const joon = await signUp('joon@example.com', '준');
    const register = 'mutation ($t: String!, $p: Platform!) { registerDevice(input: {token: $t, platform: $p}) { id } }';
    await call('users', register, { t: 'fcm-mina-android', p: 'ANDROID' }, mina);
    await call('users', register, { t: 'fcm-mina-ios', p: 'IOS' }, mina);
    await call('users', register, { t: 'fcm-joon', p: 'ANDROID' }, joon);
    const verified = await call('neighborhoods', VERIFY, { lat: YEOKSAM_1.latitude, lng: YEOKSAM_1.longitude }, mina);
    expect(verified.data.verifyNeighborhood.neighborhood.code).toBe('1168064000');
    await call('neighborhoods', VERIFY, { lat: 37.575, lng: 126.965 }, joon);

    await waitUntil('alerts can target 역삼1동', async () => (await targetsIn('1168064000')).filter((t) => t.user_id === mina).length === 2);
    expect((await targetsIn('1168064000')).filter((t) => t.user_id !== earlyUser)).toEqual([
      { user_id: mina, token: 'fcm-mina-android' },
      { user_id: mina, token: 'fcm-mina-ios' },
    ]);

    const removed = await call('users', 'mutation { removeDevice(token: "fcm-mina-ios") }', {}, mina);
    expect(removed.data.removeDevice).toBe(true);
    await waitUntil('the removed token is gone from alerts', async () => (await targetsIn('1168064000')).filter((t) => t.user_id === mina).length === 1);

    const welcome = await call('alerts', '{ alerts { nodes { kind title body } } }', {}, mina);
    expect(welcome.data.alerts.nodes).toEqual([expect.objectContaining({ kind: 'SYSTEM', title: '반가워요!' })]);
  });

  it('follows a 동네인증 that moves to another 행정동 into the alerts copy', async () => {
    const id = await signUp('mover@example.com', '이사 간 집사');
    await call('neighborhoods', VERIFY, { lat: YEOKSAM_1.latitude, lng: YEOKSAM_1.longitude }, id);
    await waitUntil('copied', async () => (await rows(alerts, "select 1 from verification_copy where user_id = ? and neighborhood_code = '1168064000'", [id])).length === 1);
    const moved = await call('neighborhoods', VERIFY, { lat: 37.575, lng: 126.965 }, id);
    const code = moved.data.verifyNeighborhood.neighborhood.code;
    expect(code).not.toBe('1168064000');
    await waitUntil('moved', async () => (await rows(alerts, 'select 1 from verification_copy where user_id = ? and neighborhood_code = ?', [id, code])).length === 1);
  });

  it('erases a deleted account from every copy, and its 동네인증 and alerts with it', async () => {
    const id = await signUp('leaving@example.com', '떠나는 집사');
    await call('users', 'mutation { registerDevice(input: {token: "fcm-leaving", platform: IOS}) { id } }', {}, id);
    await call('neighborhoods', 'mutation { verifyNeighborhood(latitude: 37.5, longitude: 127.04) { expiresAt } }', {}, id);
    await waitUntil('copied everywhere', async () =>
      (await rows(alerts, 'select 1 from device_copy where user_id = ?', [id])).length === 1 &&
      (await rows(alerts, 'select 1 from verification_copy where user_id = ?', [id])).length === 1 &&
      (await rows(alerts, 'select 1 from alert where user_id = ?', [id])).length === 1,
    );

    expect((await call('users', 'mutation { deleteAccount }', {}, id)).data.deleteAccount).toBe(true);
    await waitUntil('erased everywhere', async () => {
      const left = await Promise.all([
        rows(neighborhoods, 'select 1 from neighborhood_verification where user_id = ?', [id]),
        rows(alerts, 'select 1 from device_copy where user_id = ?', [id]),
        rows(alerts, 'select 1 from verification_copy where user_id = ?', [id]),
        rows(alerts, 'select 1 from alert where user_id = ?', [id]),
      ]);
      return left.every((r) => r.length === 0);
    });
  });
});
