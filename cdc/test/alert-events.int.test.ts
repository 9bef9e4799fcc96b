import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSubgraph, waitUntil, type TestSubgraph } from '@petcare/service-kit/testing';
import { systemTopics, type HospitalNewsEvent } from '@petcare/cdc';
import { registerTestConnector, removeTestConnector, testBrokers } from '@petcare/cdc/connect';
import { loadConfig as usersConfig } from '@petcare/users/config';
import { buildUsersService, type UsersService } from '@petcare/users/server';
import { loadConfig as alertsConfig } from '@petcare/alerts/config';
import { buildAlertsService, type AlertsService } from '@petcare/alerts/server';

// The events around the alerts service on real Kafka (and, for its own outbox, real Debezium): hospital news
// becomes HOSPITAL_UPDATE alerts for the 행정동's verified neighbours, once; a token FCM rejected reaches the
// users service, which removes the device unless it registered a new token since.
const ns = `ae${randomBytes(3).toString('hex')}_`;
const topics = systemTopics(ns);
const cdcEnv = { KAFKA_BROKERS: testBrokers.join(','), CDC_TOPIC_NAMESPACE: ns };
const connector = `${ns}alerts-cdc`.replace(/_/g, '-');
const kafka = new Kafka({ clientId: `${ns}test`, brokers: testBrokers, logLevel: logLevel.NOTHING });
let users: TestSubgraph<UsersService>;
let alerts: TestSubgraph<AlertsService>;
let producer: Producer;

const databaseOf = (s: TestSubgraph<AlertsService | UsersService>) => s.service.orm.config.get('clientUrl')!;

function news(overrides: Partial<HospitalNewsEvent> = {}): HospitalNewsEvent {
  return {
    id: randomUUID(),
    type: 'HOSPITAL_OPENED',
    occurredAt: new Date().toISOString(),
    hospitalId: '322000001020230001',
    name: '역삼24시동물메디컬센터',
    neighborhoodCode: '1168064000',
    open24Hours: true,
    status: 'OPEN',
    previousStatus: null,
    district: '강남구',
    address: '서울특별시 강남구 역삼동 123-4',
    location: { latitude: 37.5, longitude: 127.036 },
    ...overrides,
  };
}

beforeAll(async () => {
  users = await startTestSubgraph('ae_users', (env, log) => buildUsersService(usersConfig({ ...env, ACCESS_TOKEN_SECRET: 'alert-events-access-token-secret-0123456' }), log), cdcEnv);
  alerts = await startTestSubgraph('ae_alerts', (env, log) => buildAlertsService(alertsConfig(env), log), cdcEnv);
  await registerTestConnector({ name: connector, template: 'alerts-cdc', database: new URL(databaseOf(alerts)).pathname.slice(1), topicPrefix: `${ns}alerts` });
  producer = kafka.producer({ allowAutoTopicCreation: true });
  await producer.connect();
  await users.service.startBackground();
  await alerts.service.startBackground();
}, 180_000);

afterAll(async () => {
  await producer?.disconnect();
  await users?.close();
  await removeTestConnector(connector, new URL('/postgres', databaseOf(alerts)).toString());
  await alerts?.close();
});

describe('hospital news', () => {
  it("tells everyone verified in the hospital's 행정동, once, however often the news arrives", async () => {
    const neighbours = [randomUUID(), randomUUID()];
    const elsewhere = randomUUID();
    for (const id of neighbours) {
      await alerts.sql("insert into verification_copy (user_id, neighborhood_code, verified_at, expires_at) values (?, '1168064000', now(), now() + interval '30 days')", [id]);
    }
    await alerts.sql("insert into verification_copy (user_id, neighborhood_code, verified_at, expires_at) values (?, '1111053000', now(), now() + interval '30 days')", [elsewhere]);
    const opened = news();
    const message = { key: JSON.stringify(opened.hospitalId), value: JSON.stringify(opened), headers: { id: opened.id } };
    await producer.send({ topic: topics.hospitalNews, messages: [message, message] });
    const stored = () => alerts.sql<{ user_id: string; title: string; body: string; data: Record<string, string> }>(
      "select user_id, title, body, data from alert where kind = 'HOSPITAL_UPDATE' order by user_id",
    );
    await waitUntil('both neighbours told', async () => (await stored()).length === 2, 60_000);
    await producer.send({ topic: topics.hospitalNews, messages: [message] });
    await new Promise((r) => setTimeout(r, 2_000));
    const got = await stored();
    expect(got.map((a) => a.user_id)).toEqual([...neighbours].sort());
    expect(got[0]).toMatchObject({ title: '새 동물병원: 역삼24시동물메디컬센터', data: { hospitalId: opened.hospitalId, neighborhoodCode: '1168064000' } });
    expect(got[0]!.body).toContain('24시간 진료');
  }, 90_000);
});

describe('a token FCM rejected', () => {
  it('removes the device at the users service through the outbox, unless the phone registered a new token since', async () => {
    const signUp = await users.call('mutation { signUp(input: {email: "tokens@example.com", password: "long enough pw", displayName: "토큰"}) { user { id } } }');
    const userId: string = signUp.data.signUp.user.id;
    const register = 'mutation ($t: String!) { registerDevice(input: {token: $t, platform: ANDROID}) { id token } }';
    const dead = (await users.call(register, { t: 'fcm-dead-token' }, userId)).data.registerDevice;
    const renewed = (await users.call(register, { t: 'fcm-old-token' }, userId)).data.registerDevice;
    // The second phone registers a new token (the same device row) after FCM rejected its old one.
    await users.sql('update device set token = ? where id = ?', ['fcm-new-token', renewed.id]);
    for (const device of [dead, renewed]) {
      const id = randomUUID();
      const token = device === dead ? 'fcm-dead-token' : 'fcm-old-token';
      const payload = { id, type: 'DEVICE_TOKEN_REJECTED', occurredAt: new Date().toISOString(), deviceId: device.id, token, userId, reason: 'UNREGISTERED' };
      await alerts.sql("insert into outbox_event (id, aggregatetype, aggregateid, type, payload) values (?, 'device-token', ?, 'DEVICE_TOKEN_REJECTED', ?::jsonb)", [
        id,
        device.id,
        JSON.stringify(payload),
      ]);
    }
    await waitUntil('the dead device is gone', async () => (await users.sql('select 1 from device where id = ?', [dead.id])).length === 0, 60_000);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await users.sql('select token from device where id = ?', [renewed.id])).toEqual([{ token: 'fcm-new-token' }]);
  }, 90_000);
});
