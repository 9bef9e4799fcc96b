import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createLogger } from '@petcare/service-kit';
import { waitUntil } from '@petcare/service-kit/testing';
import type { MikroORM } from '@mikro-orm/postgresql';
import { CdcConsumer } from '../src/cdc-consumer.ts';
import {
  checkRecordedPositions,
  ConnectClient,
  connectUrl,
  registerTestConnector,
  removeTestConnector,
  testBrokers,
  testConnectorConfig,
  waitForConnectorRunning,
} from '@petcare/cdc/connect';
import { itemHandler } from './fixtures/item-copy.ts';
import { closeItemDatabases, copiedItems, itemDatabases, openItemDatabases, sourceItems } from './fixtures/item-databases.ts';

// Kafka and PostgreSQL disagree: the position Connect recorded for a connector is no longer available on the
// server, because something else (a second checkout using the same slot, a restored Kafka) moved the replication
// slot on. Debezium would stream from the slot's position and silently skip the gap (checked: its default
// offset.mismatch.strategy does not validate). The check `cdc.sh start` runs before Connect starts resets the
// stored position; the connector takes a new snapshot (snapshot.mode=when_needed) and the copy reconciles at its
// end: it ends equal to the source, the changes in the gap included.
const suffix = randomBytes(3).toString('hex');
const dbs = itemDatabases('moved');
const { sourceDb, adminUrl } = dbs;
const connector = `test-moved-${suffix}`;
const slot = connector.replace(/[^a-z0-9_]/g, '_');
const topicPrefix = `testmoved_${suffix}`;
const topic = `${topicPrefix}.public.item`;
const log = createLogger('moved-test', 'silent');
const client = new ConnectClient(connectUrl);

let source: pg.Client;
let sink: MikroORM;
let consumer: CdcConsumer | undefined;
let reconciled = 0;

const copyRows = () => copiedItems(sink);
const sourceRows = () => sourceItems(source);
const recordedLsn = async () => BigInt(String((await client.offsets(connector))[0]?.['lsn'] ?? 0));

beforeAll(async () => {
  ({ source, sink } = await openItemDatabases(dbs, 4, log));
});

afterAll(async () => {
  await consumer?.stop();
  await removeTestConnector(connector, adminUrl).catch(() => undefined);
  await closeItemDatabases(dbs, source, sink);
});

describe('a connector whose recorded position the server no longer has', () => {
  it('re-snapshots by itself, and the copy ends equal to its source', async () => {
    await registerTestConnector({ name: connector, database: sourceDb, topicPrefix, tables: 'public.item' });
    consumer = new CdcConsumer({
      brokers: testBrokers,
      groupId: `test-moved-${suffix}`,
      deadLetterTopic: `${topicPrefix}.dlq`,
      handlers: [itemHandler(topic)],
      orm: sink,
      log,
      onOutcome: (_t, outcome) => {
        if (outcome.result === 'applied') reconciled += outcome.reconciled ?? 0;
      },
    });
    await consumer.start();
    await source.query("insert into item values (5, 'streamed', 1)");
    await waitUntil('the copy follows the source', async () => (await copyRows()) === (await sourceRows()));
    await waitUntil('Connect recorded a streaming position', async () => (await recordedLsn()) > 0n);

    const registration = { name: connector, database: sourceDb, topicPrefix, tables: 'public.item' };
    await client.stop(connector);
    await waitUntil('the slot is released', async () => !(await source.query('select active from pg_replication_slots where slot_name = $1', [slot])).rows[0]?.active);
    const lines: string[] = [];
    const check = () =>
      checkRecordedPositions({
        brokers: testBrokers,
        offsetsTopic: `${process.env['CONNECT_GROUP_ID'] ?? 'petcare-connect'}-offsets`,
        files: [{ path: '', name: connector, database: sourceDb, slot, publication: slot, config: testConnectorConfig(registration) }],
        postgresUrl: adminUrl,
        log: (line) => lines.push(line),
      });
    // Stopped cleanly, nothing moved: in step, nothing reset.
    expect((await check()).map((c) => c.outcome)).toEqual(['in-step']);
    expect(lines).toEqual([]);
    // Changes nobody streams, then the slot moved past them and past the recorded position.
    await source.query('delete from item where id in (1, 5)');
    await source.query('update item set qty = 9 where id = 2');
    await source.query("insert into item values (6, 'in the gap', 1)");
    await new Promise((r) => setTimeout(r, 1500));
    await source.query('select pg_replication_slot_advance($1, pg_current_wal_lsn())', [slot]);
    expect((await check()).map((c) => c.outcome)).toEqual(['reset']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${connector}: its position in Kafka \\([0-9A-F/]+\\) is behind replication slot ${slot} .* new snapshot`));
    // Read back: the stored position is gone, and a second check says so without resetting anything.
    expect((await check()).map((c) => c.outcome)).toEqual(['snapshot-without-position']);

    await client.resume(connector);
    await waitForConnectorRunning(connector);
    await waitUntil('the copy equals the source again', async () => (await copyRows()) === (await sourceRows()), 90_000);
    expect(reconciled).toBe(2);
    await source.query("insert into item values (7, 'after', 1)");
    await waitUntil('streaming goes on', async () => (await copyRows()) === (await sourceRows()), 60_000);
  });
});
