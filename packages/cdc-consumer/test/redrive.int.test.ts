import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { createLogger, openDatabase } from '@petcare/service-kit';
import { dropTestDatabase, testDatabaseUrl, waitUntil } from '@petcare/service-kit/testing';
import type { MikroORM } from '@mikro-orm/postgresql';
import { testBrokers } from '@petcare/cdc/connect';
import { CdcConsumer } from '../src/cdc-consumer.ts';
import { redriveDeadLetters } from '../src/redrive-dead-letters.ts';
import { ItemCopy, SinkMigration, itemHandler, itemCreated } from './fixtures/item-copy.ts';

// Dead letters re-driven after a fix: each says what became of it. One applies now; one was superseded by a
// newer change to its key (re-producing it would be skipped silently); one is still poison.
const suffix = randomBytes(3).toString('hex');
const url = testDatabaseUrl('redrive');
const topic = `testredrive_${suffix}.public.item`;
const groupId = `test-redrive-${suffix}`;
const deadLetterTopic = `${groupId}.cdc.dlq`;
const log = createLogger('redrive-test', 'silent');
const kafka = new Kafka({ clientId: 'redrive-test', brokers: testBrokers, logLevel: logLevel.NOTHING });
let orm: MikroORM;
let consumer: CdcConsumer;

const copy = async () => (await orm.em.getConnection().execute('select id, qty from item_copy order by id')) as { id: number; qty: number }[];

beforeAll(async () => {
  orm = await openDatabase({ url, entities: [ItemCopy], migrations: [SinkMigration], log });
});
afterAll(async () => {
  await consumer?.stop();
  await orm?.close();
  await dropTestDatabase(url);
});

describe('npm run cdc -- redrive', () => {
  it('re-produces each dead letter once and says per message: applied, superseded, dead-lettered again', async () => {
    consumer = new CdcConsumer({ brokers: testBrokers, groupId, deadLetterTopic, handlers: [itemHandler(topic)], orm, log });
    await consumer.start();
    const producer = kafka.producer();
    await producer.connect();
    // The copy's check constraint (qty >= 0, SQLSTATE 23514) rejects 1 and 2; 3 does not fit the copy's schema.
    await producer.send({
      topic,
      messages: [
        { key: JSON.stringify({ id: 1 }), value: itemCreated(1, 100, { name: 'one', qty: -1 }) },
        { key: JSON.stringify({ id: 2 }), value: itemCreated(2, 100, { name: 'two', qty: -1 }) },
        { key: JSON.stringify({ id: 2 }), value: itemCreated(2, 200, { name: 'two', qty: 5 }) },
        { key: JSON.stringify({ id: 3 }), value: itemCreated(3, 100, { name: 3, qty: 1 }) },
      ],
    });
    await producer.disconnect();
    await waitUntil('three dead letters', async () => (await kafka.admin().fetchTopicOffsets(deadLetterTopic))[0]?.high === '3');
    expect(await copy()).toEqual([{ id: 2, qty: 5 }]);

    // The fix: negative stock is allowed after all.
    await orm.em.getConnection().execute('alter table item_copy drop constraint item_copy_qty_check');
    const lines: string[] = [];
    const results = await redriveDeadLetters({ brokers: testBrokers, groupId, deadLetterTopic, orm, waitMs: 20_000, log: (l) => lines.push(l) });
    expect(results.map((r) => [r.key, r.outcome])).toEqual([
      ['{"id":1}', 'applied'],
      ['{"id":2}', 'superseded'],
      ['{"id":3}', 'dead-lettered again'],
    ]);
    expect(results[1]!.detail).toMatch(/lsn 200 .*lsn 100/);
    expect(results[2]!.detail).toMatch(/name/);
    expect(lines).toHaveLength(3);
    expect(await copy()).toEqual([{ id: 1, qty: -1 }, { id: 2, qty: 5 }]);
    // Each dead letter is re-driven once; the one dead-lettered again is a new dead letter, re-driven next time.
    const second = await redriveDeadLetters({ brokers: testBrokers, groupId, deadLetterTopic, orm, waitMs: 5_000, log: () => undefined });
    expect(second.map((r) => [r.key, r.outcome])).toEqual([['{"id":3}', 'dead-lettered again']]);
  });
});
