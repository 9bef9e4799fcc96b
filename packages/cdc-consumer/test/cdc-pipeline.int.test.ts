import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { Kafka, logLevel } from 'kafkajs';
import { createLogger, openDatabase } from '@petcare/service-kit';
import { dropTestDatabase, testDatabaseUrl, waitUntil } from '@petcare/service-kit/testing';
import type { MikroORM } from '@mikro-orm/postgresql';
import { CdcConsumer } from '../src/cdc-consumer.ts';
import { registerTestConnector, removeTestConnector, testBrokers, waitForConnectorRunning } from '@petcare/cdc/connect';
import { ItemCopy, SinkMigration, itemHandler } from './fixtures/item-copy.ts';

// Real Postgres → Debezium (Kafka Connect) → Kafka → kafkajs consumer → Postgres copy, with crashes injected:
// SIGKILL, so nothing gets to flush offsets or commit on its way out, and redeliveries really happen.
const cdcCli = fileURLToPath(new URL('../../../cdc/runtime/cdc.sh', import.meta.url));
const consumerProcess = fileURLToPath(new URL('./fixtures/consumer-process.ts', import.meta.url));
const suffix = randomBytes(3).toString('hex');
const sourceUrl = testDatabaseUrl('cdcsrc');
const sinkUrl = testDatabaseUrl('cdcsink');
const connector = `test-cdc-${suffix}`;
const topic = `testcdc_${suffix}.public.item`;
const deadLetterTopic = `testcdc_${suffix}.dlq`;
const log = createLogger('cdc-test', 'silent');

// A fault test waits for a broker or a Connect worker to restart and for the whole stream to drain: on a busy
// machine (several checkouts' tests on two cores) that takes longer than the int project's default 60 s.
const FAULT_TEST_MS = 240_000;
let source: pg.Client;
let sink: MikroORM;
let consumer: CdcConsumer | undefined;
let nextId = 1;
// Replays the LSN check dropped: reported per fault, so a run shows the faults really redelivered changes.
let replaysDropped = 0;

const sinkCount = async (sql: string): Promise<number> => Number((await sink.em.getConnection().execute(sql))[0]?.n);
const effects = () => sinkCount('select count(*) as n from effect');

function startConsumer(): Promise<void> {
  consumer = new CdcConsumer({
    brokers: testBrokers,
    groupId: `test-cdc-${suffix}`,
    deadLetterTopic,
    handlers: [itemHandler(topic)],
    orm: sink,
    log,
    onOutcome: (_topic, outcome) => {
      if (outcome.result === 'skipped' && outcome.reason.startsWith('lsn')) replaysDropped++;
    },
  });
  return consumer.start();
}

/** Inserts `n` items in autocommitted statements: n changes, each with its own LSN. */
async function insertItems(n: number, pauseEvery = 0): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const id = nextId++;
    ids.push(id);
    await source.query('insert into item (id, name, qty) values ($1, $2, $3)', [id, `item ${id}`, 1]);
    if (pauseEvery && i % pauseEvery === 0) await new Promise((r) => setTimeout(r, 5));
  }
  return ids;
}

function cdc(...args: string[]): void {
  execFileSync('bash', [cdcCli, ...args], { stdio: 'pipe', timeout: 240_000 });
}

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: new URL('/postgres', sourceUrl).toString() });
  await admin.connect();
  await admin.query(`create database "${new URL(sourceUrl).pathname.slice(1)}"`);
  await admin.end();
  source = new pg.Client({ connectionString: sourceUrl });
  await source.connect();
  await source.query('create table item (id int primary key, name text not null, qty int not null)');
  sink = await openDatabase({ url: sinkUrl, entities: [ItemCopy], migrations: [SinkMigration], log });
  await registerTestConnector({ name: connector, database: new URL(sourceUrl).pathname.slice(1), topicPrefix: `testcdc_${suffix}`, tables: 'public.item' });
  await startConsumer();
});

afterAll(async () => {
  await consumer?.stop();
  await removeTestConnector(connector, new URL('/postgres', sourceUrl).toString());
  await source?.end();
  await sink?.close();
  await dropTestDatabase(sourceUrl);
  await dropTestDatabase(sinkUrl);
});

describe('CDC pipeline against real Postgres, Debezium and Kafka', () => {
  it('carries an insert, an update and a delete to the copy', async () => {
    const [id] = await insertItems(1);
    await waitUntil('insert', async () => (await sinkCount(`select count(*) as n from item_copy where id = ${id}`)) === 1);
    await source.query('update item set qty = 7, name = $2 where id = $1', [id, '바뀐 이름']);
    await waitUntil('update', async () => (await sinkCount(`select count(*) as n from item_copy where id = ${id} and qty = 7 and name = '바뀐 이름'`)) === 1);
    await source.query('delete from item where id = $1', [id]);
    await waitUntil('delete', async () => (await sinkCount(`select count(*) as n from item_copy where id = ${id}`)) === 0);
    // The tombstone after the delete must not count as a second effect.
    await new Promise((r) => setTimeout(r, 500));
    expect(await sinkCount(`select count(*) as n from effect where item_id = ${id}`)).toBe(3);
  });

  it('loses nothing and applies nothing twice when the consumer crashes mid-stream', async () => {
    await consumer!.stop();
    const child = spawn(process.execPath, ['--import', 'tsx', consumerProcess, sinkUrl, topic, `test-cdc-${suffix}`, deadLetterTopic, testBrokers.join(',')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const before = await effects();
    const dropped = replaysDropped;
    const writing = insertItems(5000);
    await waitUntil('the crashing consumer mid-stream', async () => (await effects()) >= before + 1000);
    child.kill('SIGKILL');
    await exited;
    await writing;
    await startConsumer();
    await waitUntil('all 5,000 changes', async () => (await effects()) >= before + 5000, 120_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await effects()).toBe(before + 5000);
    expect(await sinkCount('select count(*) as n from (select lsn from effect group by lsn having count(*) > 1) d')).toBe(0);
    expect(await sinkCount('select count(*) as n from item_copy')).toBe(Number((await source.query('select count(*) as n from item')).rows[0].n));
    console.info(`consumer SIGKILL: 5000 changes, 5000 effects, ${replaysDropped - dropped} redelivered changes dropped`);
  }, FAULT_TEST_MS);

  it('loses nothing and applies nothing twice when Kafka Connect crashes mid-stream', async () => {
    const before = await effects();
    const dropped = replaysDropped;
    const writing = insertItems(2000, 50);
    await waitUntil('stream under way', async () => (await effects()) >= before + 200);
    cdc('kill', 'connect');
    cdc('start', 'connect');
    await waitForConnectorRunning(connector);
    await writing;
    await waitUntil('all 2,000 changes', async () => (await effects()) >= before + 2000, 120_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await effects()).toBe(before + 2000);
    console.info(`Connect SIGKILL: 2000 changes, 2000 effects, ${replaysDropped - dropped} redelivered changes dropped`);
  }, FAULT_TEST_MS);

  it('loses nothing and applies nothing twice when the broker crashes mid-stream', async () => {
    const before = await effects();
    const dropped = replaysDropped;
    const writing = insertItems(2000, 50);
    await waitUntil('stream under way', async () => (await effects()) >= before + 200);
    cdc('kill', 'kafka');
    cdc('start', 'kafka');
    await writing;
    await waitForConnectorRunning(connector);
    await waitUntil('all 2,000 changes', async () => (await effects()) >= before + 2000, 180_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await effects()).toBe(before + 2000);
    console.info(`broker SIGKILL: 2000 changes, 2000 effects, ${replaysDropped - dropped} redelivered changes dropped`);
  }, FAULT_TEST_MS);

  it('dead-letters a poison message with the reason and keeps applying later changes', async () => {
    const kafka = new Kafka({ clientId: 'poison-test', brokers: testBrokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: '{"id":999999}', value: '{"this is": "not a change event"}' }] });
    await producer.disconnect();
    const [id] = await insertItems(1);
    await waitUntil('later change applied', async () => (await sinkCount(`select count(*) as n from item_copy where id = ${id}`)) === 1);

    const dlq = kafka.consumer({ groupId: `dlq-reader-${suffix}` });
    await dlq.connect();
    await dlq.subscribe({ topic: deadLetterTopic, fromBeginning: true });
    const seen = await new Promise<{ key: string; reason: string; sourceTopic: string }>((resolve) => {
      void dlq.run({
        eachMessage: async ({ message }) =>
          resolve({ key: String(message.key), reason: String(message.headers?.['dlq.reason']), sourceTopic: String(message.headers?.['dlq.source.topic']) }),
      });
    });
    await dlq.disconnect();
    expect(seen.key).toBe('{"id":999999}');
    expect(seen.sourceTopic).toBe(topic);
    expect(seen.reason).toMatch(/not a Debezium change event/);
  });

  it('dead-letters only the change the copy rejects when it arrives among good ones', async () => {
    const [a, bad, c] = [nextId++, nextId++, nextId++];
    // One source transaction: the three changes reach the consumer together and are applied as one chunk.
    await source.query('begin');
    await source.query("insert into item (id, name, qty) values ($1, 'good', 1), ($2, 'negative stock', -1), ($3, 'good', 1)", [a, bad, c]);
    await source.query('commit');
    await waitUntil('the good neighbours applied', async () => (await sinkCount(`select count(*) as n from item_copy where id in (${a}, ${c})`)) === 2);
    expect(await sinkCount(`select count(*) as n from item_copy where id = ${bad}`)).toBe(0);

    const kafka = new Kafka({ clientId: 'dlq-check', brokers: testBrokers, logLevel: logLevel.NOTHING });
    const dlq = kafka.consumer({ groupId: `dlq-check-${suffix}` });
    await dlq.connect();
    await dlq.subscribe({ topic: deadLetterTopic, fromBeginning: true });
    const reasons: { key: string; reason: string }[] = [];
    await new Promise<void>((resolve) => {
      void dlq.run({
        eachMessage: async ({ message }) => {
          reasons.push({ key: String(message.key), reason: String(message.headers?.['dlq.reason']) });
          if (String(message.key) === JSON.stringify({ id: bad })) resolve();
        },
      });
    });
    await dlq.disconnect();
    expect(reasons.find((r) => r.key === JSON.stringify({ id: bad }))?.reason).toMatch(/check constraint/);
  });

  it('keeps applying after a column is added to the source table', async () => {
    await source.query('alter table item add column colour text');
    const id = nextId++;
    await source.query("insert into item (id, name, qty, colour) values ($1, 'new shape', 2, 'red')", [id]);
    await waitUntil('row with new column', async () => (await sinkCount(`select count(*) as n from item_copy where id = ${id} and qty = 2`)) === 1);
  });
});
