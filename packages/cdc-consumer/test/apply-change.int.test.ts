import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, openDatabase } from '@petcare/service-kit';
import { dropTestDatabase, testDatabaseUrl } from '@petcare/service-kit/testing';
import type { MikroORM } from '@mikro-orm/postgresql';
import { applyChange, type IncomingMessage } from '../src/apply-change.ts';
import { PoisonMessageError } from '../src/poison-message-error.ts';
import { ItemCopy, SinkMigration, itemHandler } from './fixtures/item-copy.ts';

// The ordering rules on a real copy, message by message, in the orders a broker can deliver after faults
// and compaction; the pipeline test shows the same rules holding through real crashes.
const url = testDatabaseUrl('apply');
const handler = itemHandler('src.public.item');
let orm: MikroORM;
let offset = 0;

const key = (id: number) => Buffer.from(JSON.stringify({ id }));
const change = (op: 'c' | 'u' | 'd' | 'r', id: number, lsn: number, qty = 1): IncomingMessage => ({
  key: key(id),
  value: Buffer.from(
    JSON.stringify({
      op,
      before: op === 'd' ? { id } : null,
      after: op === 'd' ? null : { id, name: `item ${id}`, qty, added_later: 'ignored' },
      source: { lsn, ts_ms: 1, table: 'item', snapshot: op === 'r' ? 'true' : 'false' },
    }),
  ),
  offset: String(offset++),
});
// What the connector's SnapshotEndChannel writes into each partition (of one, here) when a snapshot at `lsn` has read the table.
const snapshotEnd = (lsn: number, partition = 0, partitions = 1): IncomingMessage => ({
  key: Buffer.from(JSON.stringify({ snapshot_end: 'public.item', partition })),
  value: Buffer.from(JSON.stringify({ snapshot_end: 'public.item', lsn, ts_ms: 1, partitions })),
  headers: { 'petcare.marker': Buffer.from('snapshot-end') },
  offset: String(offset++),
});
const tombstone = (id: number, at = offset++): IncomingMessage => ({ key: key(id), value: null, offset: String(at) });
const apply = (m: IncomingMessage) => applyChange(orm.em.fork(), handler, m);
const copy = async (id: number) => (await orm.em.getConnection().execute('select qty from item_copy where id = ?', [id]))[0]?.qty ?? null;

beforeAll(async () => {
  orm = await openDatabase({ url, entities: [ItemCopy], migrations: [SinkMigration], log: createLogger('apply-test', 'silent') });
});
beforeEach(async () => {
  await orm.em.getConnection().execute('truncate item_copy, effect, cdc_applied_change');
});
afterAll(async () => {
  await orm?.close();
  await dropTestDatabase(url);
});

describe('applyChange on a real copy', () => {
  it('applies a change once: the same LSN again does nothing', async () => {
    expect((await apply(change('c', 1, 100, 5))).result).toBe('applied');
    expect((await apply(change('c', 1, 100, 5))).result).toBe('skipped');
    expect(await copy(1)).toBe(5);
  });

  it('ignores an older change arriving after a newer one', async () => {
    await apply(change('u', 2, 200, 9));
    expect((await apply(change('c', 2, 150, 1))).result).toBe('skipped');
    expect(await copy(2)).toBe(9);
  });

  it('keeps a deleted row deleted when an older insert is replayed', async () => {
    await apply(change('c', 3, 100));
    await apply(change('d', 3, 300));
    expect((await apply(change('c', 3, 100))).result).toBe('skipped');
    expect(await copy(3)).toBeNull();
  });

  it('deletes on a tombstone whose delete event was compacted away, and ignores an old tombstone replayed later', async () => {
    const old = offset++;
    await apply(change('c', 4, 100));
    expect((await apply(tombstone(4))).result).toBe('applied');
    expect(await copy(4)).toBeNull();
    await apply(change('c', 4, 500, 7));
    expect((await apply(tombstone(4, old))).result).toBe('skipped');
    expect(await copy(4)).toBe(7);
  });

  it('backfills from a snapshot read like an insert', async () => {
    expect((await apply(change('r', 5, 50, 3))).result).toBe('applied');
    expect(await copy(5)).toBe(3);
  });

  it('refuses a row that does not fit the copy, writing nothing', async () => {
    const bad: IncomingMessage = {
      key: key(6),
      value: Buffer.from(JSON.stringify({ op: 'c', before: null, after: { id: 6, name: 'no qty' }, source: { lsn: 1, ts_ms: 1, table: 'item' } })),
      offset: String(offset++),
    };
    await expect(apply(bad)).rejects.toThrow(PoisonMessageError);
    await expect(apply(bad)).rejects.toThrow(/qty/);
    expect(await orm.em.getConnection().execute('select count(*)::int as n from cdc_applied_change')).toEqual([{ n: 0 }]);
  });

  it('applies a streamed change below a snapshot read that it follows: its transaction straddled the snapshot', async () => {
    const read = change('r', 7, 1000, 1);
    await apply(read);
    const update = change('u', 7, 900, 7);
    expect((await apply(update)).result).toBe('applied');
    expect(await copy(7)).toBe(7);
    // A redelivery of the read or of the straddling change does nothing, and the transaction's later change applies.
    expect((await apply(read)).result).toBe('skipped');
    expect((await apply({ ...update, offset: String(offset++) })).result).toBe('skipped');
    expect((await apply(change('d', 7, 950))).result).toBe('applied');
    expect(await copy(7)).toBeNull();
  });

  it('does not take a change from before a snapshot, replayed in front of it, for a straddling one', async () => {
    const old = change('u', 8, 900, 2);
    await apply(change('r', 8, 1000, 5));
    expect((await apply(old)).result).toBe('skipped');
    expect(await copy(8)).toBe(5);
  });

  it('empties the copy at a snapshot-end marker, keeps a straddling insert after it, and ignores the marker redelivered', async () => {
    await apply(change('c', 10, 500, 1));
    await apply(change('r', 11, 600, 1));
    // Applied before the marker (a lower offset), redelivered after it: from before the snapshot.
    const replayed = change('u', 10, 700, 9);
    await apply(replayed);
    const marker = snapshotEnd(1000);
    expect(await apply(marker)).toEqual({ result: 'applied', sourceTsMs: null, reconciled: 2 });
    expect([await copy(10), await copy(11)]).toEqual([null, null]);
    // Committed after the snapshot's point, begun before it: streamed after the marker with an LSN below it.
    expect((await apply(change('c', 12, 900, 4))).result).toBe('applied');
    expect((await apply(marker)).result).toBe('skipped');
    expect(await copy(12)).toBe(4);
    expect((await apply(replayed)).result).toBe('skipped');
    expect(await copy(10)).toBeNull();
  });

  it('refuses, as poison, a message with the marker header that does not say which snapshot ended', async () => {
    await expect(apply({ ...snapshotEnd(1), value: Buffer.from('{"snapshot_end":"public.item"}') })).rejects.toThrow(PoisonMessageError);
  });

  it('reconciles, at a snapshot\'s end in one partition, the keys of that partition only', async () => {
    const on = (partition: number, m: IncomingMessage) => applyChange(orm.em.fork(), handler, m, { partition, partitions: 3 });
    await on(1, change('c', 13, 500, 1));
    await on(2, change('c', 14, 500, 1));
    // Partition 1's reads are over, and key 13 was not among them; key 14's read may still be on its way on partition 2.
    expect(await on(1, snapshotEnd(1000, 1, 3))).toEqual({ result: 'applied', sourceTsMs: null, reconciled: 1 });
    expect([await copy(13), await copy(14)]).toEqual([null, 1]);
    expect((await on(2, change('r', 14, 1000, 6))).result).toBe('applied');
    expect(await on(2, snapshotEnd(1000, 2, 3))).toEqual({ result: 'applied', sourceTsMs: null });
    expect(await copy(14)).toBe(6);
    // Each partition's marker is its own: partition 1's, redelivered, does nothing; partition 0's still reconciles.
    expect((await on(1, snapshotEnd(1000, 1, 3))).result).toBe('skipped');
    expect((await on(0, snapshotEnd(1000, 0, 3))).result).toBe('applied');
  });

  it('reconciles a key recorded without its partition once the snapshot has ended in every partition', async () => {
    const on = (partition: number, m: IncomingMessage) => applyChange(orm.em.fork(), handler, m, { partition, partitions: 3 });
    await apply(change('c', 15, 500, 1));
    await apply(change('c', 16, 500, 1));
    await orm.em.getConnection().execute("update cdc_applied_change set kafka_partition = null where key in ('{\"id\":15}', '{\"id\":16}')");
    // Key 16 is read on partition 1 (and gets its partition); nobody knows where key 15 lives until every partition ended.
    expect(await on(0, snapshotEnd(1000, 0, 3))).toEqual({ result: 'applied', sourceTsMs: null });
    expect((await on(1, change('r', 16, 1000, 7))).result).toBe('applied');
    expect(await on(1, snapshotEnd(1000, 1, 3))).toEqual({ result: 'applied', sourceTsMs: null });
    expect(await copy(15)).toBe(1);
    expect(await on(2, snapshotEnd(1000, 2, 3))).toEqual({ result: 'applied', sourceTsMs: null, reconciled: 1 });
    expect([await copy(15), await copy(16)]).toEqual([null, 7]);
  });

  it('reconciles a key recorded without its partition at once on a topic of one partition', async () => {
    await apply(change('c', 17, 1500, 1));
    await orm.em.getConnection().execute("update cdc_applied_change set kafka_partition = null where key = '{\"id\":17}'");
    expect(await apply(snapshotEnd(2000))).toEqual({ result: 'applied', sourceTsMs: null, reconciled: 1 });
    expect(await copy(17)).toBeNull();
  });
});
