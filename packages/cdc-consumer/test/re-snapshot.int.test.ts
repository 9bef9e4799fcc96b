import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createLogger } from '@petcare/service-kit';
import { waitUntil } from '@petcare/service-kit/testing';
import type { MikroORM } from '@mikro-orm/postgresql';
import { CdcConsumer } from '../src/cdc-consumer.ts';
import { registerTestConnector, removeTestConnector, testBrokers, unregisterTestConnector } from '@petcare/cdc/connect';
import { itemHandler } from './fixtures/item-copy.ts';
import { closeItemDatabases, copiedItems, itemDatabases, openItemDatabases, sourceItems } from './fixtures/item-databases.ts';

// Rows deleted at the source while its connector was away (slot and offsets gone: `cdc.sh unregister` then
// `register`, the documented recovery) have no delete event anywhere; the new snapshot is the only evidence.
// A copy ends equal to its source after the re-snapshot.
const suffix = randomBytes(3).toString('hex');
const dbs = itemDatabases('resnap');
const { sourceDb, adminUrl } = dbs;
const connector = `test-resnap-${suffix}`;
const topicPrefix = `testresnap_${suffix}`;
const topic = `${topicPrefix}.public.item`;
const log = createLogger('resnap-test', 'silent');

let source: pg.Client;
let sink: MikroORM;
let consumer: CdcConsumer | undefined;
let reconciled = 0;

const copyRows = () => copiedItems(sink);
const sourceRows = () => sourceItems(source);

beforeAll(async () => {
  ({ source, sink } = await openItemDatabases(dbs, 6, log));
});

afterAll(async () => {
  await consumer?.stop();
  await removeTestConnector(connector, adminUrl).catch(() => undefined);
  await closeItemDatabases(dbs, source, sink);
});

const registration = { name: connector, database: sourceDb, topicPrefix, tables: 'public.item' };

const unregister = () => unregisterTestConnector(registration, adminUrl);

describe('a copy after its connector re-snapshots', () => {
  it('loses the rows deleted at the source while the connector was away, and keeps following the stream', async () => {
    await registerTestConnector(registration);
    consumer = new CdcConsumer({
      brokers: testBrokers,
      groupId: `test-resnap-${suffix}`,
      deadLetterTopic: `${topicPrefix}.dlq`,
      handlers: [itemHandler(topic)],
      orm: sink,
      log,
      onOutcome: (_t, outcome) => {
        if (outcome.result === 'applied') reconciled += outcome.reconciled ?? 0;
      },
    });
    await consumer.start();
    await waitUntil('the first snapshot copied', async () => (await copyRows()) === (await sourceRows()));
    await source.query("insert into item values (7, 'streamed', 1)");
    await waitUntil('a streamed insert copied', async () => (await copyRows()) === (await sourceRows()));
    expect(reconciled).toBe(0);

    // The documented recovery path: the connector, its offsets, slot and publication go...
    await unregister();
    // ...the source changes while nobody captures it...
    await source.query('delete from item where id in (2, 3, 7)');
    await source.query('update item set qty = 5 where id = 4');
    await source.query("insert into item values (8, 'while away', 1)");
    // ...and the connector comes back with a new snapshot.
    await registerTestConnector(registration);
    await waitUntil('the copy equals the source again', async () => (await copyRows()) === (await sourceRows()), 60_000);
    expect(reconciled).toBe(3);

    await source.query("insert into item values (2, 'back again', 3)");
    await source.query('delete from item where id = 5');
    await waitUntil('the stream after the re-snapshot applies', async () => (await copyRows()) === (await sourceRows()), 60_000);
  });

  // Continues from the copy the test above leaves. An empty table emits no snapshot read to mark the snapshot's
  // end; the connector's SnapshotEndChannel writes a marker into the topic (each partition of it) all the same.
  it('ends empty when every row was deleted while the connector was away, and copies what comes after', async () => {
    const before = reconciled;
    const held = (JSON.parse(await copyRows()) as unknown[]).length;
    expect(held).toBeGreaterThan(0);
    await unregister();
    await source.query('delete from item');
    await registerTestConnector(registration);
    await waitUntil('the copy is empty like its source', async () => (await copyRows()) === '[]', 60_000);
    expect(await sourceRows()).toBe('[]');
    expect(reconciled - before).toBe(held);

    await source.query("insert into item values (9, 'after the empty snapshot', 2)");
    await waitUntil('a row inserted after the empty snapshot is copied', async () => (await copyRows()) === (await sourceRows()), 60_000);
    expect(await copyRows()).not.toBe('[]');
  });
});
