import { randomBytes, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Kafka, logLevel, type Consumer, type KafkaMessage } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLER_HEADER, REQUEST_ID_HEADER, createLogger, signCallerToken } from '@petcare/service-kit';
import { TEST_GATEWAY_SECRET, startTestSubgraph, waitUntil, type TestSubgraph } from '@petcare/service-kit/testing';
import { systemTopics } from '@petcare/cdc';
import { deleteTestTopics, registerTestConnector, removeTestConnector, testBrokers } from '@petcare/cdc/connect';
import { loadConfig as hospitalsConfig } from '@petcare/hospitals/config';
import { buildHospitalsService, type HospitalsService } from '@petcare/hospitals/server';
import { loadConfig as neighborhoodsConfig } from '@petcare/neighborhoods/config';
import { buildNeighborhoodsService, type NeighborhoodsService } from '@petcare/neighborhoods/server';
import { importBoundaryFile } from '@petcare/neighborhoods/boundaries';
import { loadConfig as usersConfig } from '@petcare/users/config';
import { buildUsersService, type UsersService } from '@petcare/users/server';
import { loadConfig as alertsConfig } from '@petcare/alerts/config';
import { buildAlertsService, type AlertsService } from '@petcare/alerts/server';

// One request id from a client's mutation to the consumer that acts on it, through real Debezium, on both kinds of
// topic: an operator confirms a hospital as 24-hour (the outbox row carries the id, EventRouter places it in the
// news message's header), someone signs up or verifies a 동네 (the service's trigger stamps the row, the connector's
// RequestIdHeader transform copies it to the change message's header). The alerts service logs the id when it
// applies either. A change no request made carries no such header.
const ns = `rid${randomBytes(3).toString('hex')}_`;
const topics = systemTopics(ns);
const cdcEnv = { KAFKA_BROKERS: testBrokers.join(','), CDC_TOPIC_NAMESPACE: ns };
const connector = `${ns}hospitals-cdc`.replace(/_/g, '-');
const usersConnector = `${ns}users-cdc`.replace(/_/g, '-');
const neighborhoodsConnector = `${ns}neighborhoods-cdc`.replace(/_/g, '-');
const boundaries = resolve(process.env['DATA_DIR'] ?? resolve(import.meta.dirname, '../../../shared/data'), 'boundaries/seoul-hangjeongdong-2021-04.geojson');
const HOSPITAL = '322000001020990001';
const alertsLines: Record<string, unknown>[] = [];
let hospitals: TestSubgraph<HospitalsService>;
let users: TestSubgraph<UsersService>;
let neighborhoods: TestSubgraph<NeighborhoodsService>;
let alerts: TestSubgraph<AlertsService>;
let consumer: Consumer;
const news: KafkaMessage[] = [];
const accounts: KafkaMessage[] = [];
const verifications: KafkaMessage[] = [];

async function confirmAs(requestId: string, id: string): Promise<unknown> {
  const res = await fetch(hospitals.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [CALLER_HEADER]: await signCallerToken(TEST_GATEWAY_SECRET, { userId: randomUUID(), roles: ['OPERATOR'] }),
      [REQUEST_ID_HEADER]: requestId,
    },
    body: JSON.stringify({ query: 'mutation ($id: ID!) { confirmHospital24Hours(id: $id, open24Hours: true, note: "phoned") { id } }', variables: { id } }),
  });
  return res.json();
}

/** Sends `query` to a subgraph as the gateway would for a client request with id `requestId`. */
async function asRequest<T>(url: string, requestId: string, query: string, userId: string | null = null): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [CALLER_HEADER]: await signCallerToken(TEST_GATEWAY_SECRET, { userId, roles: [] }),
      [REQUEST_ID_HEADER]: requestId,
    },
    body: JSON.stringify({ query }),
  });
  return ((await res.json()) as { data: T }).data;
}

const signUpAs = async (requestId: string, email: string) =>
  (await asRequest<{ signUp: { user: { id: string } } }>(users.url, requestId, `mutation { signUp(input: { email: "${email}", password: "correct horse", displayName: "요청" }) { user { id } } }`))
    .signUp.user.id;

beforeAll(async () => {
  users = await startTestSubgraph('rid_users', (env, log) => buildUsersService(usersConfig({ ...env, ACCESS_TOKEN_SECRET: 'request-id-access-token-secret-012345' }), log), cdcEnv);
  await registerTestConnector({ name: usersConnector, template: 'users-cdc', database: new URL(users.databaseUrl).pathname.slice(1), topicPrefix: `${ns}users` });
  neighborhoods = await startTestSubgraph('rid_nbh', (env, log) => buildNeighborhoodsService(neighborhoodsConfig(env), log), cdcEnv);
  await importBoundaryFile(neighborhoods.service.orm.em.fork(), boundaries);
  await registerTestConnector({ name: neighborhoodsConnector, template: 'neighborhoods-cdc', database: new URL(neighborhoods.databaseUrl).pathname.slice(1), topicPrefix: `${ns}neighborhoods` });
  hospitals = await startTestSubgraph('rid_hospitals', (env, log) => buildHospitalsService(hospitalsConfig(env), log), cdcEnv);
  alerts = await startTestSubgraph(
    'rid_alerts',
    (env) => buildAlertsService(alertsConfig(env), createLogger('alerts', 'info', { write: (line: string) => void alertsLines.push(JSON.parse(line)) })),
    cdcEnv,
  );
  for (const [id, name] of [[HOSPITAL, '요청동물병원'], ['322000001020990002', '명령줄동물병원']]) {
    await hospitals.sql(
      `insert into hospital (id, name, status, status_code, open_24_hours, address, location, imported_at, updated_at)
       values (?, ?, 'OPEN', '01', false, '서울특별시 강남구 역삼동 1', st_point(127.036, 37.5, 4326)::geography, now(), now())`,
      [id, name],
    );
  }
  await registerTestConnector({ name: connector, template: 'hospitals-cdc', database: new URL(hospitals.databaseUrl).pathname.slice(1), topicPrefix: `${ns}hospitals` });
  await alerts.service.startBackground();
  const kafka = new Kafka({ clientId: `${ns}reader`, brokers: testBrokers, logLevel: logLevel.NOTHING });
  consumer = kafka.consumer({ groupId: `${ns}reader` });
  await consumer.connect();
  await consumer.subscribe({ topics: [topics.hospitalNews, topics.users, topics.verifications], fromBeginning: true });
  const byTopic = new Map([[topics.hospitalNews, news], [topics.users, accounts], [topics.verifications, verifications]]);
  await consumer.run({ eachMessage: async ({ topic, message }) => void byTopic.get(topic)!.push(message) });
}, 180_000);

afterAll(async () => {
  await consumer?.disconnect();
  await removeTestConnector(connector, new URL('/postgres', hospitals.databaseUrl).toString()).catch(() => undefined);
  await removeTestConnector(usersConnector, new URL('/postgres', users.databaseUrl).toString()).catch(() => undefined);
  await removeTestConnector(neighborhoodsConnector, new URL('/postgres', neighborhoods.databaseUrl).toString()).catch(() => undefined);
  await Promise.all([hospitals?.close(), alerts?.close(), users?.close(), neighborhoods?.close()]);
  await deleteTestTopics(ns);
}, 120_000);

describe('the request id in Kafka headers', () => {
  it("travels from an operator's mutation into the news message's requestId header, and into the alerts service's log", async () => {
    const requestId = `op-${randomUUID()}`;
    expect(await confirmAs(requestId, HOSPITAL)).not.toHaveProperty('errors');
    const ofHospital = () => news.find((m) => JSON.parse(m.value!.toString()).hospitalId === HOSPITAL);
    await waitUntil('the confirmation on the news topic', async () => ofHospital() !== undefined, 60_000);
    expect(ofHospital()!.headers?.['requestId']?.toString()).toBe(requestId);
    await waitUntil('the alerts service logged the request id', async () => alertsLines.some((l) => l['requestId'] === requestId), 60_000);
    expect(alertsLines.find((l) => l['requestId'] === requestId)).toMatchObject({ topic: topics.hospitalNews, result: 'applied' });
  });

  it('is absent from an event no request caused', async () => {
    const eventId = randomUUID();
    const payload = { id: eventId, type: 'HOSPITAL_OPENED', occurredAt: new Date().toISOString(), hospitalId: '322000001020990002', name: '명령줄동물병원', status: 'OPEN', open24Hours: false };
    await hospitals.sql(
      "insert into outbox_event (id, aggregatetype, aggregateid, type, payload) values (?, 'hospital', '322000001020990002', 'HOSPITAL_OPENED', ?::jsonb)",
      [eventId, JSON.stringify(payload)],
    );
    await hospitals.sql('delete from outbox_event where id = ?', [eventId]);
    const ofImport = () => news.find((m) => JSON.parse(m.value!.toString()).hospitalId === '322000001020990002');
    await waitUntil('the import event on the news topic', async () => ofImport() !== undefined, 60_000);
    expect(ofImport()!.headers?.['requestId']?.toString() ?? '').toBe('');
  });

  it("travels from a sign-up into the account's change message (raw table CDC), into the alerts service's log, and no further", async () => {
    const requestId = `signup-${randomUUID()}`;
    const id = await signUpAs(requestId, 'request-id@example.com');
    const changesOf = () => accounts.filter((m) => m.value && JSON.parse(m.key!.toString()).id === id);
    await waitUntil('the account on the users topic', async () => changesOf().length > 0, 60_000);
    expect(changesOf()[0]!.headers?.['requestId']?.toString()).toBe(requestId);
    await waitUntil('the alerts service logged the request id', async () => alertsLines.some((l) => l['requestId'] === requestId), 60_000);
    expect(alertsLines.find((l) => l['requestId'] === requestId)).toMatchObject({ topic: topics.users, result: 'applied' });

    // A change made outside any request: the row's id is cleared, and its message carries none.
    await users.sql("update app_user set display_name = '손으로' where id = ?", [id]);
    await waitUntil('the manual change on the users topic', async () => changesOf().length > 1, 60_000);
    expect(changesOf()[1]!.headers?.['requestId']).toBeUndefined();
    expect((await users.sql('select request_id from app_user where id = ?', [id]))[0].request_id).toBeNull();
  });

  it("travels from a 동네인증 into the verification's change message, and into the alerts service's log", async () => {
    const requestId = `verify-${randomUUID()}`;
    const userId = randomUUID();
    const verified = await asRequest<{ verifyNeighborhood: { expiresAt: string } }>(
      neighborhoods.url,
      requestId,
      'mutation { verifyNeighborhood(latitude: 37.5006, longitude: 127.0364) { expiresAt } }',
      userId,
    );
    expect(verified.verifyNeighborhood.expiresAt).toEqual(expect.any(String));
    const ofUser = () => verifications.find((m) => m.value && JSON.parse(m.key!.toString()).user_id === userId);
    await waitUntil('the verification on its topic', async () => ofUser() !== undefined, 60_000);
    expect(ofUser()!.headers?.['requestId']?.toString()).toBe(requestId);
    await waitUntil('the alerts service logged the request id', async () => alertsLines.some((l) => l['requestId'] === requestId), 60_000);
  });
});
