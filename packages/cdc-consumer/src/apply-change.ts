import type { EntityManager } from '@mikro-orm/postgresql';
import { parseDebeziumChange, parseDebeziumKey } from './debezium-change.ts';
import { PoisonMessageError } from './poison-message-error.ts';
import type { AnyCopyHandler } from './copy-handler.ts';

/** The parts of a Kafka message the applier reads. */
export interface IncomingMessage {
  key: Buffer | null;
  value: Buffer | null;
  offset: string;
}

/** What applying one message did: changed the copy, or recognised it as already applied (a replay or stale). */
export type ApplyOutcome = { result: 'applied'; sourceTsMs: number | null } | { result: 'skipped'; reason: string };

interface AppliedRow {
  lsn: string;
  kafka_offset: string;
  deleted: boolean;
}

/** Stable text of a key object, so `{"id":1}` always maps to one bookkeeping row. */
function keyText(key: Record<string, unknown>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(key).sort(([a], [b]) => a.localeCompare(b))));
}

function validate<T>(schema: AnyCopyHandler['row'], value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data as T;
  throw new PoisonMessageError(`${what} does not fit the copy: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
}

/**
 * Applies one change message to a copy exactly once. The last applied LSN per source key is kept in
 * `cdc_applied_change` and updated in the same transaction as the effect: a change at or below that LSN
 * (a redelivery after a crash, or an older change arriving late) does nothing. Tombstones carry no LSN,
 * so they are ordered by Kafka offset instead: one at or before the last applied offset for its key is old.
 */
export async function applyChange(em: EntityManager, handler: AnyCopyHandler, message: IncomingMessage): Promise<ApplyOutcome> {
  const rawKey = parseDebeziumKey(message.key);
  const key: unknown = validate(handler.key, rawKey, 'key');
  const change = parseDebeziumChange(message.value);
  if (change?.op === 't') throw new PoisonMessageError('truncate events cannot be applied per key');
  const offset = BigInt(message.offset);
  const id = keyText(rawKey);

  return em.transactional(async (tx) => {
    const [prev] = await tx.execute<AppliedRow[]>(
      'select lsn::text as lsn, kafka_offset::text as kafka_offset, deleted from cdc_applied_change where topic = ? and key = ? for update',
      [handler.topic, id],
    );
    let lsn: bigint;
    let deleted: boolean;
    if (change === null) {
      if (prev && (prev.deleted || BigInt(prev.kafka_offset) >= offset)) return { result: 'skipped', reason: 'tombstone already applied' };
      await handler.remove(tx, key);
      lsn = prev ? BigInt(prev.lsn) : 0n;
      deleted = true;
    } else {
      if (prev && change.lsn <= BigInt(prev.lsn)) return { result: 'skipped', reason: `lsn ${change.lsn} ≤ applied ${prev.lsn}` };
      if (change.op === 'd') {
        await handler.remove(tx, key);
        deleted = true;
      } else {
        await handler.upsert(tx, validate(handler.row, change.after, 'row'), change);
        deleted = false;
      }
      lsn = change.lsn;
    }
    await tx.execute(
      `insert into cdc_applied_change (topic, key, lsn, kafka_offset, deleted, applied_at) values (?, ?, ?, ?, ?, now())
       on conflict (topic, key) do update set lsn = excluded.lsn, kafka_offset = excluded.kafka_offset, deleted = excluded.deleted, applied_at = now()`,
      [handler.topic, id, lsn.toString(), offset.toString(), deleted],
    );
    return { result: 'applied', sourceTsMs: change?.sourceTsMs ?? null };
  });
}
