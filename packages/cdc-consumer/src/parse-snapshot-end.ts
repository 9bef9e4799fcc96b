import { z } from 'zod';
import { PoisonMessageError } from './poison-message-error.ts';

/**
 * What a snapshot-end marker (`isSnapshotEndMarker` of `@petcare/cdc`) says: every read of the snapshot at this LSN in
 * its partition is behind it.
 */
export interface SnapshotEnd {
  table: string;
  lsn: bigint;
}

const markerValue = z.object({
  snapshot_end: z.string().min(1),
  lsn: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]),
});

/** Reads a marker's value; throws PoisonMessageError when a message with the marker header does not say which snapshot ended. */
export function parseSnapshotEnd(value: Buffer | null): SnapshotEnd {
  let json: unknown;
  try {
    json = value === null ? null : JSON.parse(value.toString('utf8'));
  } catch {
    throw new PoisonMessageError('snapshot-end marker: value is not JSON');
  }
  const parsed = markerValue.safeParse(json);
  if (!parsed.success) {
    throw new PoisonMessageError(`snapshot-end marker: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  return { table: parsed.data.snapshot_end, lsn: BigInt(parsed.data.lsn) };
}
