import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { Migration } from '@mikro-orm/migrations';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger, openDatabase } from '@petcare/service-kit';
import { dropTestDatabase, testDatabaseUrl, waitUntil } from '@petcare/service-kit/testing';
import { testBrokers } from '@petcare/cdc/connect';
import { CdcConsumer } from '../src/cdc-consumer.ts';
import { defineEventHandler } from '../src/event-handler.ts';
import { processedEventTableSql } from '../src/testing/processed-event-table.ts';
import { ItemCopy } from './fixtures/item-copy.ts';

// An event topic on the real broker: every event applied once however often it arrives, poison dead-lettered.
class GreetingSinkMigration extends Migration {
  override name = 'GreetingSinkMigration';
  override up(): void {
    this.addSql(processedEventTableSql);
    this.addSql('create table greeting (seq bigserial primary key, event_id text not null, name text not null)');
  }
}

const suffix = randomBytes(3).toString('hex');
const topic = `testevents_${suffix}.greetings`;
const deadLetterTopic = `testevents_${suffix}.dlq`;
const url = testDatabaseUrl('events');
const kafka = new Kafka({ clientId: `test-events-${suffix}`, brokers: testBrokers, logLevel: logLevel.NOTHING });
let orm: MikroORM;
let producer: Producer;
let consumer: CdcConsumer;
const deadLettered: string[] = [];

const greetings = defineEventHandler({
  topic,
  event: z.object({ id: z.string(), name: z.string().min(1) }),
  apply: async (em, events) => {
    for (const event of events) await em.execute('insert into greeting (event_id, name) values (?, ?)', [event.id, event.name]);
  },
  writes: { table: 'greeting', columns: ['event_id', 'name'] },
});

const send = (...values: (object | string | null)[]) =>
  producer.send({ topic, messages: values.map((v) => ({ key: 'k', value: v === null ? null : typeof v === 'string' ? v : JSON.stringify(v) })) });
const count = async (sql: string) => Number((await orm.em.getConnection().execute(sql))[0]?.n);

beforeAll(async () => {
  orm = await openDatabase({ url, entities: [ItemCopy], migrations: [GreetingSinkMigration], log: createLogger('events-test', 'silent') });
  producer = kafka.producer({ allowAutoTopicCreation: true });
  await producer.connect();
  consumer = new CdcConsumer({
    brokers: testBrokers,
    groupId: `test-events-${suffix}`,
    deadLetterTopic,
    handlers: [greetings],
    orm,
    log: createLogger('events-test', 'silent'),
    onOutcome: (_topic, outcome) => {
      if (outcome.result === 'dead-lettered') deadLettered.push(outcome.reason);
    },
  });
  await consumer.start();
});

afterAll(async () => {
  await consumer?.stop();
  await producer?.disconnect();
  await orm?.close();
  await dropTestDatabase(url);
});

describe('an event topic', () => {
  it('applies each event once: the same id again, in the same batch or later, has no effect', async () => {
    await send({ id: 'e1', name: '미나' }, { id: 'e2', name: '준' }, { id: 'e1', name: '미나' });
    await waitUntil('two greetings', async () => (await count('select count(*) as n from greeting')) === 2);
    await send({ id: 'e2', name: '준' }, { id: 'e3', name: '하늘' });
    await waitUntil('the third greeting', async () => (await count("select count(*) as n from greeting where event_id = 'e3'")) === 1);
    expect(await count('select count(*) as n from greeting')).toBe(3);
  });

  it('dead-letters what is not an event of the topic, and goes on', async () => {
    await send('not json', { name: 'no id' }, null, { id: 'e4', name: '' }, { id: 'e5', name: '별' });
    await waitUntil('the event after the poison', async () => (await count("select count(*) as n from greeting where event_id = 'e5'")) === 1);
    expect(deadLettered).toHaveLength(4);
    expect(deadLettered[0]).toContain('not JSON');
    expect(await count("select count(*) as n from greeting where event_id = 'e4'")).toBe(0);
  });
});
