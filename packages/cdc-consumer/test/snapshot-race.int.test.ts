import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createLogger, openDatabase } from '@petcare/service-kit';
import { dropTestDatabase, testDatabaseUrl, waitUntil } from '@petcare/service-kit/testing';
import type { MikroORM } from '@mikro-orm/postgresql';
import { CdcConsumer } from '../src/cdc-consumer.ts';
import { registerTestConnector, removeTestConnector, testBrokers } from '@petcare/cdc/connect';
import { ItemCopy, SinkMigration, itemHandler } from './fixtures/item-copy.ts';

// The race of a new replication slot: PostgreSQL's slot becomes consistent only after the transactions
// running when it was created have finished, and the snapshot it exports sees what committed before that
// point. A transaction that began before the point and commits after it is not in the snapshot, and is
// streamed with change LSNs *below* the point the snapshot rows carry. Reproduced with three transactions:
// A holds the slot in its first phase, B (begun then) in its second, C begins after that, changes rows,
// and commits only once the connector has finished its snapshot.
const suffix = randomBytes(3).toString('hex');
const sourceUrl = testDatabaseUrl('racesrc');
const sinkUrl = testDatabaseUrl('racesink');
const sourceDb = new URL(sourceUrl).pathname.slice(1);
const connector = `test-race-${suffix}`;
const topicPrefix = `testrace_${suffix}`;
const topic = `${topicPrefix}.public.item`;
const log = createLogger('race-test', 'silent');

let sink: MikroORM;
let consumer: CdcConsumer | undefined;
const clients: pg.Client[] = [];

async function client(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: sourceUrl });
  await c.connect();
  clients.push(c);
  return c;
}
const xidOf = async (c: pg.Client): Promise<string> => String((await c.query('select pg_current_xact_id()::text as x')).rows[0].x);
/** True once some session (the slot being created) waits for the transaction `xid` to end. */
async function slotWaitsFor(admin: pg.Client, xid: string): Promise<boolean> {
  const { rows } = await admin.query(
    `select count(*)::int as n from pg_locks where locktype = 'transactionid' and not granted and transactionid::text = $1`,
    [xid],
  );
  return rows[0].n > 0;
}
const sinkRows = async (): Promise<{ id: number; qty: number }[]> =>
  (await sink.em.getConnection().execute('select id, qty from item_copy order by id')) as { id: number; qty: number }[];

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: new URL('/postgres', sourceUrl).toString() });
  await admin.connect();
  await admin.query(`create database "${sourceDb}"`);
  await admin.end();
  const setup = await client();
  await setup.query('create table item (id int primary key, name text not null, qty int not null)');
  await setup.query('create table other (id serial primary key)');
  await setup.query("insert into item (id, name, qty) values (1, 'kept', 1), (2, 'updated in the window', 1), (3, 'deleted in the window', 1)");
  sink = await openDatabase({ url: sinkUrl, entities: [ItemCopy], migrations: [SinkMigration], log });
});

afterAll(async () => {
  await consumer?.stop();
  for (const c of clients) await c.end().catch(() => undefined);
  await removeTestConnector(connector, new URL('/postgres', sourceUrl).toString()).catch(() => undefined);
  await sink?.close();
  await dropTestDatabase(sourceUrl);
  await dropTestDatabase(sinkUrl);
});

describe('a transaction open across connector registration', () => {
  it('reaches the copy: its update and delete are not taken for already applied', async () => {
    const watcher = await client();
    const [a, b, c] = [await client(), await client(), await client()];
    await a.query('begin');
    await a.query('insert into other default values');
    const xidA = await xidOf(a);

    const registering = registerTestConnector({ name: connector, database: sourceDb, topicPrefix, tables: 'public.item' }, 120_000);
    await waitUntil('the slot waits for A', () => slotWaitsFor(watcher, xidA), 60_000);
    await b.query('begin');
    await b.query('insert into other default values');
    const xidB = await xidOf(b);
    await a.query('commit');
    await waitUntil('the slot waits for B', () => slotWaitsFor(watcher, xidB), 60_000);
    // C begins after the slot's second phase started: it does not hold the slot back, and is not in its snapshot.
    await c.query('begin');
    await c.query('update item set qty = 7 where id = 2');
    await c.query('delete from item where id = 3');
    await b.query('commit');
    await registering;

    consumer = new CdcConsumer({ brokers: testBrokers, groupId: `test-race-${suffix}`, deadLetterTopic: `${topicPrefix}.dlq`, handlers: [itemHandler(topic)], orm: sink, log });
    await consumer.start();
    await waitUntil('the snapshot applied', async () => (await sinkRows()).length === 3, 60_000);
    expect(await sinkRows()).toEqual([{ id: 1, qty: 1 }, { id: 2, qty: 1 }, { id: 3, qty: 1 }]);

    await c.query('commit');
    await c.query('update item set qty = 8 where id = 1');
    // The later update of row 1 arriving proves the stream went past C's changes.
    await waitUntil('a later change applied', async () => (await sinkRows()).some((r) => r.id === 1 && r.qty === 8), 60_000);
    expect(await sinkRows()).toEqual([{ id: 1, qty: 8 }, { id: 2, qty: 7 }]);
  });
});
