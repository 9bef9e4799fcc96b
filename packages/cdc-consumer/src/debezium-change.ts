import { z } from 'zod';
import { PoisonMessageError } from './poison-message-error.ts';

/** Debezium's operation codes: create, update, delete, snapshot read, truncate. */
export type ChangeOp = 'c' | 'u' | 'd' | 'r' | 't';

/** One row change as Debezium wrote it (JsonConverter, schemas disabled), reduced to what consumers use. */
export interface DebeziumChange {
  op: ChangeOp;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** Position of the change in the source WAL; orders changes to one row, and makes replays detectable. */
  lsn: bigint;
  /** Source commit time (ms since epoch), for latency measurement. */
  sourceTsMs: number;
  /** When Debezium processed the change (the envelope's `ts_ms`), splitting latency into capture and delivery; null if absent. */
  capturedTsMs: number | null;
  snapshot: boolean;
  /**
   * The last read of its table in a snapshot (`source.snapshot` = `last` or `last_in_data_collection`): every row
   * the table held at the snapshot's point has been read, so a copy's row the snapshot did not read is gone.
   */
  snapshotLast: boolean;
  table: string;
}

const envelope = z.object({
  op: z.enum(['c', 'u', 'd', 'r', 't']),
  ts_ms: z.number().optional(),
  before: z.record(z.string(), z.unknown()).nullable().optional(),
  after: z.record(z.string(), z.unknown()).nullable().optional(),
  source: z.object({
    lsn: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]),
    ts_ms: z.number(),
    table: z.string(),
    snapshot: z.union([z.string(), z.boolean()]).nullable().optional(),
  }),
});

/**
 * Parses a change event's value. Returns null for a tombstone (the null value Debezium writes after a delete
 * so compaction can drop the key); throws PoisonMessageError for anything that is not a Debezium envelope.
 */
export function parseDebeziumChange(value: Buffer | null): DebeziumChange | null {
  if (value === null || value.length === 0) return null;
  let json: unknown;
  try {
    json = JSON.parse(value.toString('utf8'));
  } catch {
    throw new PoisonMessageError('value is not JSON');
  }
  const parsed = envelope.safeParse(json);
  if (!parsed.success) {
    throw new PoisonMessageError(`not a Debezium change event: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const { op, source } = parsed.data;
  return {
    op,
    before: parsed.data.before ?? null,
    after: parsed.data.after ?? null,
    lsn: BigInt(source.lsn),
    sourceTsMs: source.ts_ms,
    capturedTsMs: parsed.data.ts_ms ?? null,
    snapshot: source.snapshot === true || (typeof source.snapshot === 'string' && source.snapshot !== 'false'),
    snapshotLast: op === 'r' && (source.snapshot === 'last' || source.snapshot === 'last_in_data_collection'),
    table: source.table,
  };
}

/** Parses a change event's key (the row's primary key columns as JSON); keys are required for copies. */
export function parseDebeziumKey(key: Buffer | null): Record<string, unknown> {
  if (key === null) throw new PoisonMessageError('message has no key: copies are keyed by the source primary key');
  try {
    const parsed: unknown = JSON.parse(key.toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // falls through to the poison error below
  }
  throw new PoisonMessageError('key is not a JSON object');
}
