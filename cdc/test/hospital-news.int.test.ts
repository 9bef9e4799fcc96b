import { randomBytes, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Kafka, logLevel, type Consumer, type KafkaMessage } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@petcare/service-kit';
import { dropTestDatabase, gatewaySignedRequest, testDatabaseUrl, waitUntil } from '@petcare/service-kit/testing';
import { hospitalNewsEvent, isSnapshotEndMarker, systemTopics, type HospitalNewsEvent } from '@petcare/cdc';
import { deleteTestTopics, registerTestConnector, removeTestConnector, testBrokers } from '@petcare/cdc/connect';
import { loadConfig as neighborhoodsConfig } from '@petcare/neighborhoods/config';
import { buildNeighborhoodsService, type NeighborhoodsService } from '@petcare/neighborhoods/server';
import { importBoundaryFile } from '@petcare/neighborhoods/boundaries';
import { loadConfig as hospitalsConfig } from '@petcare/hospitals/config';
import { buildHospitalsService, type HospitalsService } from '@petcare/hospitals/server';
import { importHospitals } from '@petcare/hospitals/importer';

// The hospitals service's two CDC flows through real Debezium and Kafka: its copy of the neighborhoods service's
// 행정동 boundaries (raw table CDC in, hospitals re-tagged), and its news for neighbours (outbox out, through
// Debezium's EventRouter), read back from the topic exactly as the alerts service will read it.
const secret = 'news-test-gateway-signing-secret-01234';
const ns = `t${randomBytes(3).toString('hex')}_`;
const topics = systemTopics(ns);
const db = { neighborhoods: testDatabaseUrl('nbh'), hospitals: testDatabaseUrl('hospitals') };
const connectors = { neighborhoods: `${ns}neighborhoods-cdc`.replace(/_/g, '-'), hospitals: `${ns}hospitals-cdc`.replace(/_/g, '-') };
const adminUrl = new URL('/postgres', db.hospitals).toString();
const dataDir = process.env['DATA_DIR'] ?? resolve(import.meta.dirname, '../../../shared/data');
const file = (name: string) => resolve(dataDir, name);
const log = createLogger('news-test', 'silent');
const cdcEnv = { KAFKA_BROKERS: testBrokers.join(','), CDC_TOPIC_NAMESPACE: ns, GATEWAY_SIGNING_SECRET: secret, PORT: '0', LOG_LEVEL: 'silent' };
const YEOKSAM_1 = '1168064000';
const MEI = '322000001020220002';

let neighborhoods: NeighborhoodsService;
let hospitals: HospitalsService;
let hospitalsUrl: string;
let consumer: Consumer;
const received: { topic: string; message: KafkaMessage }[] = [];

const sql = (service: { orm: { em: { getConnection(): { execute(q: string, p?: unknown[]): Promise<any[]> } } } }, q: string, p: unknown[] = []) =>
  service.orm.em.getConnection().execute(q, p);
const news = () => received.filter((r) => r.topic === topics.hospitalNews);
// A table topic's changes, without the snapshot-end markers the connector writes after each snapshot.
const changesOn = (topic: string) => received.filter((r) => r.topic === topic && !isSnapshotEndMarker(r.message));
const parsed = () => news().map((r) => hospitalNewsEvent.parse(JSON.parse(r.message.value!.toString())));
const tagOf = async (id: string) => (await sql(hospitals, 'select neighborhood_code from hospital where id = ?', [id]))[0]?.neighborhood_code ?? null;
const confirm = (id: string, h24: boolean, note: string) =>
  gatewaySignedRequest<any>(hospitalsUrl, secret, 'mutation ($id: ID!, $h: Boolean!, $n: String!) { confirmHospital24Hours(id: $id, open24Hours: $h, note: $n) { id } }',
    { id, h: h24, n: note }, randomUUID(), ['OPERATOR']);

beforeAll(async () => {
  neighborhoods = await buildNeighborhoodsService(neighborhoodsConfig({ ...cdcEnv, DATABASE_URL: db.neighborhoods }), log);
  hospitals = await buildHospitalsService(hospitalsConfig({ ...cdcEnv, DATABASE_URL: db.hospitals }), log);
  hospitalsUrl = await hospitals.server.listen(0);
  // The first export is the baseline (no news); hospitals wait untagged until the boundaries arrive.
  await importHospitals(hospitals.orm.em, file('hospitals/localdata-animal-hospitals-2022-11.csv'));
  await registerTestConnector({ name: connectors.hospitals, template: 'hospitals-cdc', database: new URL(db.hospitals).pathname.slice(1), topicPrefix: `${ns}hospitals` });
  await registerTestConnector({ name: connectors.neighborhoods, template: 'neighborhoods-cdc', database: new URL(db.neighborhoods).pathname.slice(1), topicPrefix: `${ns}neighborhoods` });
  await importBoundaryFile(neighborhoods.orm.em.fork(), file('boundaries/seoul-hangjeongdong-2021-04.geojson'));
  await hospitals.startBackground();

  const kafka = new Kafka({ clientId: `${ns}reader`, brokers: testBrokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [topics.hospitalNews, topics.neighborhoods].map((topic) => ({ topic })) });
  // The table topic is Connect's to create, with its first record: subscribing before that failed the setup once in
  // a loaded full run (kafkajs: "This server does not host this topic-partition").
  const hospitalTopic = `${ns}hospitals.public.hospital`;
  await waitUntil('Connect created the hospital table topic', async () => (await admin.listTopics()).includes(hospitalTopic), 60_000);
  await admin.disconnect();
  consumer = kafka.consumer({ groupId: `${ns}reader` });
  await consumer.connect();
  await consumer.subscribe({ topics: [topics.hospitalNews, topics.neighborhoods, hospitalTopic], fromBeginning: true });
  await consumer.run({ eachMessage: async ({ topic, message }) => void received.push({ topic, message }) });
}, 240_000);

afterAll(async () => {
  await consumer?.disconnect();
  await Promise.all([hospitals?.close(), neighborhoods?.close()]);
  for (const name of Object.values(connectors)) await removeTestConnector(name, adminUrl).catch(() => undefined);
  await Promise.all(Object.values(db).map((u) => dropTestDatabase(u)));
  await deleteTestTopics(ns);
}, 120_000);

describe('the copy of 행정동 boundaries', () => {
  it('arrives as Debezium sends PostGIS (base64 EWKB and SRID), and tags every located Seoul hospital', async () => {
    await waitUntil('all 425 boundaries copied', async () => (await sql(hospitals, 'select count(*)::int as n from neighborhood_copy'))[0].n === 425, 120_000);
    const sample = changesOn(topics.neighborhoods)[0]!;
    const after = JSON.parse(sample.message.value!.toString()).after;
    expect(after.geom).toEqual({ wkb: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/), srid: 4326 });
    const [tagging] = await sql(hospitals, `select count(*)::int as located, count(neighborhood_code)::int as tagged from hospital
      where coalesce(address, road_address) like '서울특별시 %' and location is not null`);
    expect(tagging.tagged).toBe(tagging.located);
    expect(await tagOf(MEI)).toBe(YEOKSAM_1);
  });

  it('re-tags the hospitals a boundary no longer covers, and again when it comes back', async () => {
    const original = (await sql(neighborhoods, 'select geom::text as geom from neighborhood where code = ?', [YEOKSAM_1]))[0].geom;
    await sql(neighborhoods, `update neighborhood set geom = st_multi(st_buffer(st_centroid(geom), 0.0005)), updated_at = now() where code = ?`, [YEOKSAM_1]);
    await waitUntil('메이 left 역삼1동', async () => (await tagOf(MEI)) === null, 60_000);
    await sql(neighborhoods, 'update neighborhood set geom = ?::geometry, updated_at = now() where code = ?', [original, YEOKSAM_1]);
    await waitUntil('메이 back in 역삼1동', async () => (await tagOf(MEI)) === YEOKSAM_1, 60_000);
  });
});

describe('news for neighbours', () => {
  let firstWave: HospitalNewsEvent[];

  it('publishes the newer export\'s recent transitions once each, shaped as the contract says, keyed by hospital', async () => {
    const summary = await importHospitals(hospitals.orm.em, file('hospitals/localdata-animal-hospitals-2023-07.csv'));
    expect(summary.events).toBeGreaterThan(10);
    await waitUntil(`${summary.events} events on ${topics.hospitalNews}`, async () => news().length >= summary.events, 60_000);
    firstWave = parsed();
    expect(firstWave).toHaveLength(summary.events);
    expect(new Set(firstWave.map((e) => e.id)).size).toBe(firstWave.length);
    for (const { message } of news()) {
      const event = hospitalNewsEvent.parse(JSON.parse(message.value!.toString()));
      expect(JSON.parse(message.key!.toString())).toBe(event.hospitalId);
      expect(message.headers?.['id']?.toString()).toBe(event.id);
    }
    expect(new Set(firstWave.map((e) => e.type))).toEqual(new Set(['HOSPITAL_OPENED', 'HOSPITAL_CLOSED']));
    const seoul = firstWave.filter((e) => e.address?.startsWith('서울특별시') && e.location);
    expect(seoul.length).toBeGreaterThan(0);
    expect(seoul.every((e) => /^11\d{8}$/.test(e.neighborhoodCode ?? ''))).toBe(true);
    // Debezium drops null fields when it expands the JSON: the contract reads them back as null.
    expect(firstWave.filter((e) => e.type === 'HOSPITAL_OPENED').every((e) => e.previousStatus === null)).toBe(true);
  });

  it('leaves raw hospital changes on the table topic, unrouted', async () => {
    await waitUntil('raw hospital changes', async () => changesOn(`${ns}hospitals.public.hospital`).length > 0, 60_000);
    const raw = JSON.parse(changesOn(`${ns}hospitals.public.hospital`)[0]!.message.value!.toString());
    expect(raw.after).toMatchObject({ id: expect.any(String), name: expect.any(String) });
  });

  it('never announces a transition twice: re-imports and an older export add nothing, an operator confirmation adds one', async () => {
    expect((await importHospitals(hospitals.orm.em, file('hospitals/localdata-animal-hospitals-2023-07.csv'))).events).toBe(0);
    expect((await importHospitals(hospitals.orm.em, file('hospitals/localdata-animal-hospitals-2022-11.csv'))).events).toBe(0);
    expect((await confirm(MEI, true, 'phoned: open all night')).errors).toBeUndefined();
    // Debezium delivers in commit order: once the confirmation is here, anything the re-imports wrote would be too.
    await waitUntil('the confirmation', async () => parsed().some((e) => e.type === 'HOSPITAL_CONFIRMED_24H'), 60_000);
    const all = parsed();
    expect(all).toHaveLength(firstWave.length + 1);
    expect(all.at(-1)).toMatchObject({ type: 'HOSPITAL_CONFIRMED_24H', hospitalId: MEI, name: '동물치과병원메이', neighborhoodCode: YEOKSAM_1, open24Hours: true, status: 'OPEN' });

    // Confirming what is already confirmed is not news; correcting it is not either.
    expect((await confirm(MEI, true, 'phoned again')).errors).toBeUndefined();
    expect((await confirm('322000001020170006', false, 'closes at 22:00')).errors).toBeUndefined();
    expect((await confirm('322000001020220001', true, 'sentinel: phoned')).errors).toBeUndefined();
    await waitUntil('the sentinel confirmation', async () => parsed().some((e) => e.hospitalId === '322000001020220001'), 60_000);
    expect(parsed()).toHaveLength(firstWave.length + 2);
  });
});
