import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type KafkaMessage } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLER_HEADER, REQUEST_ID_HEADER, createLogger, signCallerToken } from '@petcare/service-kit';
import { TEST_GATEWAY_SECRET, startTestSubgraph, waitUntil, type TestSubgraph } from '@petcare/service-kit/testing';
import { systemTopics } from '@petcare/cdc';
import { registerTestConnector, removeTestConnector, testBrokers } from '@petcare/cdc/connect';
import { loadConfig as hospitalsConfig } from '@petcare/hospitals/config';
import { buildHospitalsService, type HospitalsService } from '@petcare/hospitals/server';
import { loadConfig as alertsConfig } from '@petcare/alerts/config';
import { buildAlertsService, type AlertsService } from '@petcare/alerts/server';

// One request id from a client's mutation to the consumer that acts on it: an operator confirms a hospital as
// 24-hour with `x-request-id`, the hospitals service writes the outbox row with that id, real Debezium's
// EventRouter puts it in the news message's `requestId` header, and the alerts service logs it when it applies
// the event. An event no request caused carries no such header.
const ns = `rid${randomBytes(3).toString('hex')}_`;
const topics = systemTopics(ns);
const cdcEnv = { KAFKA_BROKERS: testBrokers.join(','), CDC_TOPIC_NAMESPACE: ns };
const connector = `${ns}hospitals-cdc`.replace(/_/g, '-');
const HOSPITAL = '322000001020990001';
const alertsLines: Record<string, unknown>[] = [];
let hospitals: TestSubgraph<HospitalsService>;
let alerts: TestSubgraph<AlertsService>;
let consumer: Consumer;
const news: KafkaMessage[] = [];

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

beforeAll(async () => {
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
  await consumer.subscribe({ topics: [topics.hospitalNews], fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void news.push(message) });
}, 180_000);

afterAll(async () => {
  await consumer?.disconnect();
  await removeTestConnector(connector, new URL('/postgres', hospitals.databaseUrl).toString()).catch(() => undefined);
  await Promise.all([hospitals?.close(), alerts?.close()]);
  const admin = new Kafka({ brokers: testBrokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const mine = (await admin.listTopics()).filter((t) => t.startsWith(ns) || t.startsWith(`__debezium-heartbeat.${ns}`));
  await admin.deleteTopics({ topics: mine });
  await admin.disconnect();
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
});
