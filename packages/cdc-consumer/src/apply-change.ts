import type { EntityManager } from '@mikro-orm/postgresql';
import type { KafkaMessage } from 'kafkajs';
import { executeBound } from '@petcare/service-kit';
import { isSnapshotEndMarker } from '@petcare/cdc';
import { parseDebeziumChange, parseDebeziumKey, type DebeziumChange } from './debezium-change.ts';
import { PoisonMessageError } from './poison-message-error.ts';
import { parseSnapshotEnd } from './parse-snapshot-end.ts';
import type { AnyChangeHandler } from './change-handler.ts';

/** The parts of a Kafka message the applier reads. */
export interface IncomingMessage {
  key: Buffer | null;
  value: Buffer | null;
  offset: string;
  headers?: KafkaMessage['headers'];
}

/** What applying one message did: changed the copy, or recognised it as already applied (a replay or stale). */
export type ApplyOutcome =
  | {
      result: 'applied';
      sourceTsMs: number | null;
      /** Rows removed from the copy because a snapshot that ended with this change (in its partition) did not read them. */
      reconciled?: number;
    }
  | { result: 'skipped'; reason: string };

interface Applied {
  lsn: bigint;
  offset: bigint;
  deleted: boolean;
  /** The snapshot point the key's state descends from; equal to `lsn` when the state is a snapshot read itself. */
  snapshotLsn: bigint;
}

/**
 * Where a batch comes from. The end of a snapshot (a table's last read, or the snapshot-end marker the connector
 * writes into each partition) says only that the reads of THAT partition are over: the reads of keys on the others
 * may not be applied yet, and a read applied after a reconcile removed its key would be skipped as stale, losing the
 * row for good. So the bookkeeping records each key's partition, and a snapshot's end reconciles its own partition's
 * keys only. A topic's partition count must not change (no keyed topic's may: keys would move).
 */
export interface ApplyOptions {
  /** The partition of the topic the batch was read from. */
  partition: number;
  /**
   * The topic's partition count. Keys recorded before the bookkeeping had a partition (null) may be on any: they are
   * reconciled once the snapshot has ended in every partition (on a topic of one, at once).
   */
  partitions: number;
}

/** A message that has passed every check that needs no database: ready to apply. */
export interface ParsedMessage {
  id: string;
  key: unknown;
  change: DebeziumChange | null;
  /** The validated `after` image; null for deletes and tombstones. */
  row: unknown;
  offset: bigint;
  /** Set on a snapshot-end marker (the table was empty at this LSN); `change` is then null and `key` the marker's. */
  snapshotEndLsn?: bigint;
}

/** Stable text of a key object, so `{"id":1}` always maps to one bookkeeping row. */
export function keyText(key: Record<string, unknown>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(key).sort(([a], [b]) => a.localeCompare(b))));
}

function validate<T>(schema: AnyChangeHandler['row'], value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data as T;
  throw new PoisonMessageError(`${what} does not fit the copy: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
}

/** Checks a message's shape before any database work; throws PoisonMessageError when it can never apply. */
export function parseMessage(handler: AnyChangeHandler, message: IncomingMessage): ParsedMessage {
  const rawKey = parseDebeziumKey(message.key);
  if (isSnapshotEndMarker(message)) {
    const { lsn } = parseSnapshotEnd(message.value);
    return { id: keyText(rawKey), key: rawKey, change: null, row: null, offset: BigInt(message.offset), snapshotEndLsn: lsn };
  }
  const key: unknown = validate(handler.key, rawKey, 'key');
  const change = parseDebeziumChange(message.value);
  if (change?.op === 't') throw new PoisonMessageError('truncate events cannot be applied per key');
  const row = change && change.op !== 'd' ? validate(handler.row, change.after, 'row') : null;
  return { id: keyText(rawKey), key, change, row, offset: BigInt(message.offset) };
}

/**
 * Why a change does nothing to the state applied for its key, or null when it supersedes that state.
 *
 * Changes to one row are ordered by their WAL position (row locks serialise the transactions that touch it),
 * so a change at or below the applied LSN is a replay or stale. Snapshot reads break that order: they carry
 * the LSN at which the replication slot became consistent, and a transaction that began before that point
 * and commits after it is not in the snapshot, yet is streamed with change LSNs *below* it. The slot streams
 * only transactions committed after its consistent point, and Debezium writes a snapshot's reads before
 * anything it streams, so a streamed change that follows a snapshot read in the topic (a higher offset) is
 * newer than that read whatever its LSN. Debezium gives no commit LSN per change to order by instead (its
 * `source.sequence` and transaction ids carry change LSNs), hence the offset. A snapshot read, in turn,
 * never goes back behind a state that descends from the same or a later snapshot (a redelivered read).
 */
function staleReason(prev: Applied | undefined, change: DebeziumChange, offset: bigint): string | null {
  if (!prev) return null;
  if (change.op === 'r') {
    if (change.lsn > prev.lsn && change.lsn > prev.snapshotLsn) return null;
    return `snapshot read at lsn ${change.lsn} ≤ applied ${prev.lsn > prev.snapshotLsn ? prev.lsn : prev.snapshotLsn}`;
  }
  if (change.lsn > prev.lsn) return null;
  const prevIsSnapshotRead = prev.snapshotLsn > 0n && prev.lsn === prev.snapshotLsn;
  if (prevIsSnapshotRead && !change.snapshot && offset > prev.offset) return null;
  return `lsn ${change.lsn} ≤ applied ${prev.lsn}`;
}

async function writeBookkeeping(tx: EntityManager, topic: string, partition: number, state: Map<string, Applied>, touched: Set<string>): Promise<void> {
  if (touched.size === 0) return;
  const keys = [...touched];
  touched.clear();
  await executeBound(
    tx,
    `insert into cdc_applied_change (topic, key, lsn, kafka_offset, deleted, snapshot_lsn, kafka_partition, applied_at)
     select $1, k, l::numeric, o::bigint, d, s::numeric, $7::int, now()
       from unnest($2::text[], $3::text[], $4::text[], $5::boolean[], $6::text[]) as u(k, l, o, d, s)
     on conflict (topic, key) do update set lsn = excluded.lsn, kafka_offset = excluded.kafka_offset, deleted = excluded.deleted,
       snapshot_lsn = excluded.snapshot_lsn, kafka_partition = excluded.kafka_partition, applied_at = now()`,
    [
      topic,
      keys,
      keys.map((k) => state.get(k)!.lsn.toString()),
      keys.map((k) => state.get(k)!.offset.toString()),
      keys.map((k) => state.get(k)!.deleted),
      keys.map((k) => state.get(k)!.snapshotLsn.toString()),
      partition,
    ],
  );
}

/**
 * At the end of a snapshot at `snapshotLsn` in one partition, removes from the copy every key of that partition the
 * snapshot did not read: rows deleted at the source while the connector was away (its slot and offsets gone, e.g.
 * `unregister` + `register`, or a re-snapshot after Kafka and PostgreSQL disagreed) have no delete event anywhere,
 * only their absence from the new snapshot. A key the snapshot read carries its `snapshot_lsn`; one still below it was not
 * read. Marked deleted at the snapshot's point, so an older change replayed later cannot bring it back, while a
 * change streamed after the snapshot (the key inserted again) still applies.
 */
async function reconcile(
  tx: EntityManager,
  handler: AnyChangeHandler,
  state: Map<string, Applied>,
  snapshotLsn: bigint,
  offset: bigint,
  { partition, partitions }: ApplyOptions,
): Promise<number> {
  // A key recorded without its partition was read by now, and so has one, if this snapshot has ended in every partition.
  const endedEverywhere = partitions === 1 || (await partitionsEnded(tx, handler.topic, snapshotLsn)) >= partitions;
  // Live keys of this partition with neither their state nor the snapshot it descends from at or past that point.
  const stale = await executeBound<{ key: string }>(
    tx,
    `select key from cdc_applied_change
      where topic = $1 and not deleted and snapshot_lsn < $2::numeric and lsn < $2::numeric
        and (kafka_partition = $3 or (kafka_partition is null and $4::boolean))
      order by key for update`,
    [handler.topic, snapshotLsn.toString(), partition, endedEverywhere],
  );
  if (stale.length === 0) return 0;
  for (const { key } of stale) {
    const parsed = handler.key.safeParse(JSON.parse(key));
    if (!parsed.success) throw new PoisonMessageError(`bookkeeping key ${key} of ${handler.topic} no longer fits the copy's key; cannot reconcile`);
    await handler.remove(tx, parsed.data);
    state.set(key, { lsn: snapshotLsn, offset, deleted: true, snapshotLsn });
  }
  await executeBound(
    tx,
    `update cdc_applied_change set deleted = true, lsn = $1::numeric, snapshot_lsn = $1::numeric, kafka_offset = $2::bigint, applied_at = now()
      where topic = $3 and key = any($4::text[])`,
    [snapshotLsn.toString(), offset.toString(), handler.topic, stale.map((r) => r.key)],
  );
  return stale.length;
}

/** How many partitions of `topic` have applied a snapshot-end marker of this snapshot or a later one (one key each). */
async function partitionsEnded(tx: EntityManager, topic: string, snapshotLsn: bigint): Promise<number> {
  const [row] = await executeBound<{ n: number }>(
    tx,
    `select count(*)::int as n from cdc_applied_change
      where topic = $1 and deleted and snapshot_lsn >= $2::numeric and key::jsonb ? 'snapshot_end'`,
    [topic, snapshotLsn.toString()],
  );
  return row?.n ?? 0;
}

/**
 * Applies parsed messages of one topic to a copy exactly once, in order, in ONE transaction. The last
 * applied LSN per source key is kept in `cdc_applied_change` and written in the same transaction as the
 * effects: a change at or below that LSN (a redelivery after a crash, or an older change arriving late)
 * does nothing, save the snapshot edge explained at staleReason. Tombstones carry no LSN, so they are
 * ordered by Kafka offset instead: one at or before the last applied offset for its key is old. Any error
 * rolls the whole batch back.
 */
export async function applyParsed(
  em: EntityManager,
  handler: AnyChangeHandler,
  batch: ParsedMessage[],
  options: ApplyOptions = { partition: 0, partitions: 1 },
): Promise<ApplyOutcome[]> {
  // Bound parameters (executeBound), as the subgraphs' hot paths: no escaping of a chunk's keys into the SQL text, and
  // arrays pass as one `$n::text[]` value instead of MikroORM's `array[?]` spread.
  return em.transactional(async (tx) => {
    // One index lookup per key (the lateral subquery), locked in key order (sorted here) as before. `key = any(…)`
    // let the planner scan the topic's whole range and filter it while the table's statistics were stale (a new or
    // fast-growing table, before autovacuum's analyze): 17 ms per 500 keys at 100k rows and growing with the table,
    // against 2 ms whatever the statistics.
    const ids = [...new Set(batch.map((m) => m.id))].sort();
    const rows = await executeBound<{ key: string; lsn: string; kafka_offset: string; deleted: boolean; snapshot_lsn: string }>(
      tx,
      `select a.key, a.lsn::text as lsn, a.kafka_offset::text as kafka_offset, a.deleted, a.snapshot_lsn::text as snapshot_lsn
         from unnest($2::text[]) as wanted(key)
         cross join lateral (select c.key, c.lsn, c.kafka_offset, c.deleted, c.snapshot_lsn from cdc_applied_change c
                              where c.topic = $1 and c.key = wanted.key for update) a`,
      [handler.topic, ids],
    );
    const state = new Map<string, Applied>(
      rows.map((r) => [r.key, { lsn: BigInt(r.lsn), offset: BigInt(r.kafka_offset), deleted: r.deleted, snapshotLsn: BigInt(r.snapshot_lsn) }]),
    );
    const touched = new Set<string>();
    const outcomes: ApplyOutcome[] = [];
    // A copy (applyNet) gets the chunk's net effect per key, in two statements; a reaction every change in order.
    const net = new Map<string, { remove: unknown } | { row: unknown; change: DebeziumChange }>();
    const remove = async (m: ParsedMessage) => (handler.applyNet ? void net.set(m.id, { remove: m.key }) : handler.remove(tx, m.key));
    const upsert = async (m: ParsedMessage, change: DebeziumChange) =>
      handler.applyNet ? void net.set(m.id, { row: m.row, change }) : handler.upsert(tx, m.row, change);
    const applyNet = async () => {
      if (!handler.applyNet || net.size === 0) return;
      const effects = [...net.values()];
      net.clear();
      await handler.applyNet(
        tx,
        effects.flatMap((e) => ('remove' in e ? [e.remove] : [])),
        effects.flatMap((e) => ('row' in e ? [e] : [])),
      );
    };
    const reconcileAt = async (lsn: bigint, offset: bigint, sourceTsMs: number | null): Promise<ApplyOutcome> => {
      const reconciled = await reconcile(tx, handler, state, lsn, offset, options);
      return { result: 'applied', sourceTsMs, ...(reconciled > 0 ? { reconciled } : {}) };
    };
    for (const m of batch) {
      const prev = state.get(m.id);
      if (m.snapshotEndLsn !== undefined) {
        // Kept under the marker's own key, deleted so no reconcile ever treats it as a row: a redelivered marker
        // must not reconcile again, as rows streamed after it may carry LSNs below it (see staleReason).
        if (prev && prev.snapshotLsn >= m.snapshotEndLsn) {
          outcomes.push({ result: 'skipped', reason: `snapshot-end marker at lsn ${m.snapshotEndLsn} already applied` });
          continue;
        }
        await applyNet();
        state.set(m.id, { lsn: m.snapshotEndLsn, offset: m.offset, deleted: true, snapshotLsn: m.snapshotEndLsn });
        touched.add(m.id);
        await writeBookkeeping(tx, handler.topic, options.partition, state, touched);
        outcomes.push(await reconcileAt(m.snapshotEndLsn, m.offset, null));
        continue;
      }
      if (m.change === null) {
        if (prev && (prev.deleted || prev.offset >= m.offset)) {
          outcomes.push({ result: 'skipped', reason: 'tombstone already applied' });
          continue;
        }
        await remove(m);
        state.set(m.id, { lsn: prev?.lsn ?? 0n, offset: m.offset, deleted: true, snapshotLsn: prev?.snapshotLsn ?? 0n });
      } else {
        const stale = staleReason(prev, m.change, m.offset);
        if (stale !== null) {
          outcomes.push({ result: 'skipped', reason: stale });
          continue;
        }
        if (m.change.op === 'd') await remove(m);
        else await upsert(m, m.change);
        const snapshotLsn = m.change.op === 'r' ? m.change.lsn : (prev?.snapshotLsn ?? 0n);
        state.set(m.id, { lsn: m.change.lsn, offset: m.offset, deleted: m.change.op === 'd', snapshotLsn });
      }
      touched.add(m.id);
      if (m.change?.snapshotLast) {
        // Everything read before this point must be in the copy and the bookkeeping for the reconcile to see it.
        await applyNet();
        await writeBookkeeping(tx, handler.topic, options.partition, state, touched);
        outcomes.push(await reconcileAt(m.change.lsn, m.offset, m.change.sourceTsMs));
        continue;
      }
      outcomes.push({ result: 'applied', sourceTsMs: m.change?.sourceTsMs ?? null });
    }
    await applyNet();
    await writeBookkeeping(tx, handler.topic, options.partition, state, touched);
    return outcomes;
  });
}

/** Applies one message on its own (see applyParsed); the path a batch falls back to around a poison message. */
export async function applyChange(em: EntityManager, handler: AnyChangeHandler, message: IncomingMessage, options?: ApplyOptions): Promise<ApplyOutcome> {
  const [outcome] = await applyParsed(em, handler, [parseMessage(handler, message)], options);
  return outcome!;
}
