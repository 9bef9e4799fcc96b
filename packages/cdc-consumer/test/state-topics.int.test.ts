import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { pino } from 'pino';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { createLogger, openDatabase } from '@petcare/service-kit';
import { dropTestDatabase, testDatabaseUrl, waitUntil } from '@petcare/service-kit/testing';
import type { MikroORM } from '@mikro-orm/postgresql';
import { CdcConsumer } from '../src/cdc-consumer.ts';
import { CommittedOffsetGoneError } from '../src/committed-offset-gone-error.ts';
import { alignTopicSettings, registerTestConnector, removeTestConnector, testBrokers, testConnectorConfig } from '@petcare/cdc/connect';
import { ItemCopy, SinkMigration, itemHandler, itemCreated } from './fixtures/item-copy.ts';

// Change topics are the state of their tables: compacted, so a new consumer rebuilds a copy from them and a
// tombstone means the key is gone; and a consumer whose committed offset left its topic stops and says so.
const suffix = randomBytes(3).toString('hex');
const kafka = new Kafka({ clientId: 'state-topics-test', brokers: testBrokers, logLevel: logLevel.NOTHING });
const admin = kafka.admin();
const silent = createLogger('state-topics-test', 'silent');
const sinks: { url: string; orm: MikroORM }[] = [];
const consumers: CdcConsumer[] = [];

async function newSink(name: string): Promise<MikroORM> {
  const url = testDatabaseUrl(name);
  const orm = await openDatabase({ url, entities: [ItemCopy], migrations: [SinkMigration], log: silent });
  sinks.push({ url, orm });
  return orm;
}
const copyOf = async (orm: MikroORM) =>
  (await orm.em.getConnection().execute('select id, name, qty from item_copy order by id')) as { id: number; name: string; qty: number }[];
async function topicConfig(topic: string, name: string): Promise<string | undefined> {
  const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: [name] }] });
  return resources[0]?.configEntries.find((e) => e.configName === name)?.configValue;
}

beforeAll(async () => {
  await admin.connect();
});
afterAll(async () => {
  for (const c of consumers) await c.stop().catch(() => undefined);
  await admin.disconnect();
  for (const s of sinks) {
    await s.orm.close();
    await dropTestDatabase(s.url);
  }
});

describe('a consumer whose committed offset is no longer in the topic', () => {
  it('refuses to start, in one log line naming the group, the partition and what the topic still holds', async () => {
    const topic = `testgone_${suffix}.public.item`;
    const groupId = `test-gone-${suffix}`;
    await admin.createTopics({ topics: [{ topic, configEntries: [{ name: 'cleanup.policy', value: 'delete' }] }], waitForLeaders: true });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [1, 2, 3].map((id) => ({ key: JSON.stringify({ id }), value: itemCreated(id, 100 + id) })) });
    const sink = await newSink('gonesink');
    const first = new CdcConsumer({ brokers: testBrokers, groupId, deadLetterTopic: `${topic}.dlq`, handlers: [itemHandler(topic)], orm: sink, log: silent });
    await first.start();
    await waitUntil('three changes applied', async () => (await copyOf(sink)).length === 3);
    await first.stop();
    expect((await admin.fetchOffsets({ groupId, topics: [topic] }))[0]?.partitions[0]?.offset).toBe('3');

    // The consumer is away while retention removes changes it has not read.
    await producer.send({ topic, messages: [4, 5, 6].map((id) => ({ key: JSON.stringify({ id }), value: itemCreated(id, 100 + id) })) });
    await producer.disconnect();
    await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: '5' }] });

    const lines: { level: number; msg: string }[] = [];
    const log = pino({ level: 'info' }, new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(JSON.parse(String(chunk))), done()) }));
    const second = new CdcConsumer({ brokers: testBrokers, groupId, deadLetterTopic: `${topic}.dlq`, handlers: [itemHandler(topic)], orm: sink, log });
    consumers.push(second);
    await expect(second.start()).rejects.toThrow(CommittedOffsetGoneError);
    const errors = lines.filter((l) => l.level >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.msg).toContain(`consumer group ${groupId} stopped`);
    expect(errors[0]!.msg).toContain(`${topic}[0] committed 3, topic holds 5..6`);
    // Nothing from the far side of the gap was applied.
    expect((await copyOf(sink)).map((r) => r.id)).toEqual([1, 2, 3]);
  });
});

describe('compacted change topics', () => {
  const sourceUrl = testDatabaseUrl('compactsrc');
  const sourceDb = new URL(sourceUrl).pathname.slice(1);
  const connector = `test-compact-${suffix}`;
  const topicPrefix = `testcompact_${suffix}`;
  const topic = `${topicPrefix}.public.item`;
  let source: pg.Client;

  beforeAll(async () => {
    const pgAdmin = new pg.Client({ connectionString: new URL('/postgres', sourceUrl).toString() });
    await pgAdmin.connect();
    await pgAdmin.query(`create database "${sourceDb}"`);
    await pgAdmin.end();
    source = new pg.Client({ connectionString: sourceUrl });
    await source.connect();
    await source.query('create table item (id int primary key, name text not null, qty int not null)');
    await source.query('create table thing (id int primary key)');
    await source.query('insert into thing values (1)');
  });
  afterAll(async () => {
    await removeTestConnector(connector, new URL('/postgres', sourceUrl).toString()).catch(() => undefined);
    await source?.end();
    await dropTestDatabase(sourceUrl);
  });

  it('are created compacted by Connect, existing ones are aligned, and a new consumer rebuilds a copy equal to the source', async () => {
    // A topic from before the settings: delete retention, as the broker's default made it. Small segments and an
    // eager cleaner let this test see compaction happen instead of waiting for the production hour.
    await admin.createTopics({ topics: [{ topic, configEntries: [{ name: 'cleanup.policy', value: 'delete' }] }], waitForLeaders: true });
    // Dead-letter topics named after the connector's prefix: one as a consumer creates it, one an earlier
    // `register` compacted along with the table topics. Both must end with delete retention, as documented.
    const deadLetters = `${topicPrefix}.cdc.dlq`;
    const compactedDeadLetters = `${topicPrefix}.old.cdc.dlq`;
    await admin.createTopics({
      topics: [{ topic: deadLetters }, { topic: compactedDeadLetters, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
      waitForLeaders: true,
    });
    const config = testConnectorConfig({ name: connector, database: sourceDb, topicPrefix, tables: 'public.item,public.thing' });
    const overrides = { 'topic.creation.default.segment.ms': '200', 'topic.creation.default.min.cleanable.dirty.ratio': '0.01', 'topic.creation.default.delete.retention.ms': '600000' };
    await registerTestConnector({ name: connector, database: sourceDb, topicPrefix, tables: 'public.item,public.thing', overrides });
    await waitUntil('Connect created the thing topic', async () => (await admin.listTopics()).includes(`${topicPrefix}.public.thing`));
    expect(await topicConfig(`${topicPrefix}.public.thing`, 'cleanup.policy')).toBe('compact');
    expect(await topicConfig(topic, 'cleanup.policy')).toBe('delete');
    const aligned = await alignTopicSettings(testBrokers, { ...config, ...overrides });
    expect(aligned.map((a) => a.topic)).toContain(topic);
    expect(await topicConfig(topic, 'cleanup.policy')).toBe('compact');
    expect(aligned.map((a) => a.topic)).toContain(compactedDeadLetters);
    expect(await topicConfig(deadLetters, 'cleanup.policy')).toBe('delete');
    expect(await topicConfig(compactedDeadLetters, 'cleanup.policy')).toBe('delete');
    expect(await topicConfig(deadLetters, 'retention.ms')).toBe('604800000');

    for (let round = 0; round < 5; round++) {
      for (let id = 1; id <= 20; id++) await source.query('insert into item values ($1, $2, $3) on conflict (id) do update set qty = excluded.qty', [id, `item ${id}`, round]);
      await new Promise((r) => setTimeout(r, 300));
    }
    await source.query('delete from item where id <= 5');
    // Records written after a segment rolled let the cleaner compact the older segments.
    await new Promise((r) => setTimeout(r, 500));
    await source.query('update item set qty = 99 where id = 20');
    const written = 20 * 5 + 5 * 2 + 1;
    const countInTopic = async () => {
      const offsets = await admin.fetchTopicOffsets(topic);
      const reader = kafka.consumer({ groupId: `count-${suffix}-${randomBytes(2).toString('hex')}` });
      await reader.connect();
      await reader.subscribe({ topic, fromBeginning: true });
      let n = 0;
      const end = BigInt(offsets[0]!.high) - 1n;
      await new Promise<void>((resolve) => {
        void reader.run({ eachMessage: async ({ message }) => void (n++, BigInt(message.offset) >= end && resolve()) });
      });
      await reader.disconnect();
      return n;
    };
    await waitUntil('the cleaner compacted the topic', async () => (await countInTopic()) < written, 90_000);

    const sink = await newSink('compactsink');
    const rebuilt = new CdcConsumer({ brokers: testBrokers, groupId: `test-rebuild-${suffix}`, deadLetterTopic: `${topicPrefix}.dlq`, handlers: [itemHandler(topic)], orm: sink, log: silent });
    consumers.push(rebuilt);
    await rebuilt.start();
    const sourceRows = async () => (await source.query('select id, name, qty from item order by id')).rows;
    await waitUntil('the rebuilt copy equals the source', async () => JSON.stringify(await copyOf(sink)) === JSON.stringify(await sourceRows()), 60_000);
    expect((await copyOf(sink)).some((r) => r.id <= 5)).toBe(false);
  });

  it('a consumer creates a missing change topic compacted', async () => {
    const fresh = `testcompact_${suffix}.public.not_yet`;
    const sink = await newSink('freshsink');
    const consumer = new CdcConsumer({ brokers: testBrokers, groupId: `test-fresh-${suffix}`, deadLetterTopic: `${topicPrefix}.fresh.dlq`, handlers: [itemHandler(fresh)], orm: sink, log: silent });
    consumers.push(consumer);
    await consumer.start();
    expect(await topicConfig(fresh, 'cleanup.policy')).toBe('compact');
    expect(await topicConfig(`${topicPrefix}.fresh.dlq`, 'cleanup.policy')).toBe('delete');
  });
});
