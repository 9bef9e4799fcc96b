import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, DEMO_ACCOUNT } from '@petcare/service-kit';
import { dropTestDatabase, gatewaySignedRequest, testDatabaseUrl, waitUntil } from '@petcare/service-kit/testing';
import { registerTestConnector, removeTestConnector, testBrokers } from '@petcare/cdc/connect';
import { loadConfig as usersConfig } from '../../subgraphs/users/src/config.ts';
import { buildUsersService, type UsersService } from '../../subgraphs/users/src/server.ts';
import { loadConfig as neighborhoodsConfig } from '../../subgraphs/neighborhoods/src/config.ts';
import { buildNeighborhoodsService, type NeighborhoodsService } from '../../subgraphs/neighborhoods/src/server.ts';
import { importBoundaryFile } from '../../subgraphs/neighborhoods/src/modules/neighborhood/neighborhood.importer.ts';
import { loadConfig as alertsConfig } from '../../subgraphs/alerts/src/config.ts';
import { buildAlertsService, type AlertsService } from '../../subgraphs/alerts/src/server.ts';
import { pushTargetsInNeighborhood } from '../../subgraphs/alerts/src/modules/audience/audience.queries.ts';

// The services' real copies, kept by real Debezium and Kafka: users → neighborhoods and alerts,
// neighborhoods → alerts. Each service is built from its own code with its own database; they share
// nothing but the topics, in a namespace of this test's own.
const secret = 'copies-test-gateway-signing-secret-0123';
const ns = `t${randomBytes(3).toString('hex')}_`;
const db = { users: testDatabaseUrl('users'), neighborhoods: testDatabaseUrl('nbh'), alerts: testDatabaseUrl('alerts') };
const connectors = { users: `${ns}users-cdc`.replace(/_/g, '-'), neighborhoods: `${ns}neighborhoods-cdc`.replace(/_/g, '-') };
const adminUrl = new URL('/postgres', db.users).toString();
const fixture = fileURLToPath(new URL('../../subgraphs/neighborhoods/test/fixtures/gangnam-jongno-squares.geojson', import.meta.url));
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
  await importBoundaryFile(neighborhoods.orm.em.fork(), fixture);
  // An account that exists before capture starts reaches the copies through Debezium's snapshot.
  await signUp('early@example.com', '먼저 온 집사');
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
  it('backfills accounts that existed before capture started', async () => {
    await waitUntil('the early account is in the neighborhoods copy', async () =>
      (await rows(neighborhoods, "select 1 from user_copy where display_name = '먼저 온 집사'")).length === 1,
    );
  });

  it('gives alerts the devices and 동네인증 it needs to target a neighbourhood, without calling anyone', async () => {
    const mina = await signUp('mina@example.com', '미나');
    const joon = await signUp('joon@example.com', '준');
    const register = 'mutation ($t: String!, $p: Platform!) { registerDevice(input: {token: $t, platform: $p}) { id } }';
    await call('users', register, { t: 'fcm-mina-android', p: 'ANDROID' }, mina);
    await call('users', register, { t: 'fcm-mina-ios', p: 'IOS' }, mina);
    await call('users', register, { t: 'fcm-joon', p: 'ANDROID' }, joon);
    const verify = 'mutation ($lat: Latitude!, $lng: Longitude!) { verifyNeighborhood(latitude: $lat, longitude: $lng) { neighborhood { code } } }';
    const verified = await call('neighborhoods', verify, { lat: DEMO_ACCOUNT.location.latitude, lng: DEMO_ACCOUNT.location.longitude }, mina);
    expect(verified.data.verifyNeighborhood.neighborhood.code).toBe('1168064000');
    await call('neighborhoods', verify, { lat: 37.575, lng: 126.965 }, joon);

    await waitUntil('alerts can target 역삼1동', async () => (await pushTargetsInNeighborhood(alerts.orm.em.fork(), '1168064000')).length === 2);
    expect(await pushTargetsInNeighborhood(alerts.orm.em.fork(), '1168064000')).toEqual([
      { userId: mina, token: 'fcm-mina-android', platform: 'ANDROID' },
      { userId: mina, token: 'fcm-mina-ios', platform: 'IOS' },
    ]);

    const removed = await call('users', 'mutation { removeDevice(token: "fcm-mina-ios") }', {}, mina);
    expect(removed.data.removeDevice).toBe(true);
    await waitUntil('the removed token is gone from alerts', async () => (await pushTargetsInNeighborhood(alerts.orm.em.fork(), '1168064000')).length === 1);

    const welcome = await call('alerts', '{ alerts { nodes { kind title body } } }', {}, mina);
    expect(welcome.data.alerts.nodes).toEqual([expect.objectContaining({ kind: 'SYSTEM', title: '반가워요!' })]);
  });

  it('follows a profile change into the neighborhoods copy', async () => {
    const id = await signUp('rename@example.com', '옛 이름');
    await waitUntil('copied', async () => (await rows(neighborhoods, 'select 1 from user_copy where id = ?', [id])).length === 1);
    await call('users', 'mutation { updateProfile(input: {displayName: "새 이름"}) { displayName } }', {}, id);
    await waitUntil('renamed', async () => (await rows(neighborhoods, "select 1 from user_copy where id = ? and display_name = '새 이름'", [id])).length === 1);
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
        rows(neighborhoods, 'select 1 from user_copy where id = ?', [id]),
        rows(neighborhoods, 'select 1 from neighborhood_verification where user_id = ?', [id]),
        rows(alerts, 'select 1 from device_copy where user_id = ?', [id]),
        rows(alerts, 'select 1 from verification_copy where user_id = ?', [id]),
        rows(alerts, 'select 1 from alert where user_id = ?', [id]),
      ]);
      return left.every((r) => r.length === 0);
    });
  });
});
