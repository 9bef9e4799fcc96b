import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Kafka, logLevel } from 'kafkajs';
import { register } from 'prom-client';
import { createLogger, openDatabase } from '@petcare/service-kit';
import { dropTestDatabase, testDatabaseUrl, waitUntil } from '@petcare/service-kit/testing';
import type { MikroORM } from '@mikro-orm/postgresql';
import { testBrokers } from '@petcare/cdc/connect';
import { CdcConsumer } from '../src/cdc-consumer.ts';
import type { ChangeHandler } from '../src/change-handler.ts';
import { ItemCopy, SinkMigration, itemCreated } from './fixtures/item-copy.ts';

// A change that fails with an error that is not the data's fault — here a column a bad migration forgot,
// SQLSTATE 42703 — is retried while its partition waits. That must be visible: the consumer's status (what
// /health shows) and the cdc_consumer_stuck / cdc_consumer_lag_messages gauges, until the fix lands.
const suffix = randomBytes(3).toString('hex');
const url = testDatabaseUrl('stuck');
const topic = `teststuck_${suffix}.public.item`;
const groupId = `test-stuck-${suffix}`;
const log = createLogger('stuck-test', 'silent');
let orm: MikroORM;
let consumer: CdcConsumer;

// A handler written against a column the migration has not added yet (not declared in `writes`, so the start-up check cannot catch it).
const handler: ChangeHandler<{ id: number; name: string; qty: number }, { id: number }> = {
  topic,
  key: z.object({ id: z.number().int() }),
  row: z.object({ id: z.number().int(), name: z.string(), qty: z.number().int() }),
  async upsert(em, r) {
    await em.execute('insert into item_copy (id, name, qty, colour) values (?, ?, ?, ?) on conflict (id) do update set qty = excluded.qty', [r.id, r.name, r.qty, 'red']);
  },
  async remove(em, k) {
    await em.execute('delete from item_copy where id = ?', [k.id]);
  },
};
const metric = async (name: string) => {
  const line = (await register.metrics()).split('\n').find((l) => l.startsWith(`${name}{group="${groupId}",topic="${topic}",partition="0"}`));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
};

beforeAll(async () => {
  orm = await openDatabase({ url, entities: [ItemCopy], migrations: [SinkMigration], log });
});
afterAll(async () => {
  await consumer?.stop();
  await orm?.close();
  await dropTestDatabase(url);
});

describe('a consumer stuck on a change that is not the data\'s fault', () => {
  it('shows it and its lag in its status and metrics, and goes on once the schema is fixed', async () => {
    consumer = new CdcConsumer({ brokers: testBrokers, groupId, deadLetterTopic: `${topic}.dlq`, handlers: [handler], orm, log });
    await consumer.start();
    const producer = new Kafka({ clientId: 'stuck-test', brokers: testBrokers, logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({ topic, messages: [1, 2, 3].map((id) => ({ key: JSON.stringify({ id }), value: itemCreated(id, 100 + id) })) });
    await producer.disconnect();

    await waitUntil('the consumer reports itself stuck', async () => consumer.status().state === 'stuck');
    const status = consumer.status();
    expect(status.stuck).toMatchObject([{ topic, partition: 0, offset: '0', sqlState: '42703' }]);
    expect(status.stuck[0]!.error).toMatch(/colour/);
    expect(status.partitions).toEqual([{ topic, partition: 0, messages: 3 }]);
    expect(status.lag).toBe(3);
    expect(consumer.health()).toEqual({ cdc: status });
    expect(await metric('cdc_consumer_stuck')).toBe(1);
    expect(await metric('cdc_consumer_lag_messages')).toBe(3);

    // The missing migration, applied: the waiting changes go through in order, nothing dead-lettered.
    await orm.em.getConnection().execute('alter table item_copy add column colour text');
    await waitUntil('the consumer went on', async () => consumer.status().state === 'running', 30_000);
    expect(consumer.status().partitions).toEqual([{ topic, partition: 0, messages: 0 }]);
    expect(await metric('cdc_consumer_stuck')).toBe(0);
    expect(await metric('cdc_consumer_lag_messages')).toBe(0);
    expect(await orm.em.getConnection().execute('select count(*)::int as n from item_copy')).toEqual([{ n: 3 }]);
  });
});
