import { z } from 'zod';
import { parseDebeziumChange } from '@petcare/cdc-consumer';
import type { AlertPosition } from './alert-position.ts';

/** A new alert as the alerts database's CDC topic announces it: only its key, its owner and its position. */
export interface AlertEvent extends AlertPosition {
  userId: string;
}

const insertedRow = z.object({
  id: z.uuid().transform((id) => id.toLowerCase()),
  user_id: z.uuid().transform((id) => id.toLowerCase()),
  // Debezium writes timestamptz as an ISO-8601 string (io.debezium.time.ZonedTimestamp).
  created_at: z.string().transform((iso, ctx) => {
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) ctx.addIssue({ code: 'custom', message: `not an ISO-8601 instant: ${iso}` });
    return ms;
  }),
});

/**
 * The alert a message of `<ns>alerts.public.alert` announces, or null when it announces none: inserts (`op: c`)
 * only, so snapshot reads (`r`) of old alerts, updates (marked read) and deletes (erasure) and tombstones are not new
 * alerts. Throws (PoisonMessageError, or zod's error) for a value that is not a Debezium insert of an alert row.
 */
export function alertEventFrom(value: Buffer | null): AlertEvent | null {
  const change = parseDebeziumChange(value);
  if (change?.op !== 'c') return null;
  const row = insertedRow.parse(change.after);
  return { id: row.id, userId: row.user_id, createdAt: row.created_at };
}
