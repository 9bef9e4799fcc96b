import type { KafkaMessage } from 'kafkajs';
import { isSnapshotEndMarker } from '@petcare/cdc';

/** What one message of the users topic (`users.public.app_user`) says about accounts. */
export type AccountChange =
  | { kind: 'live'; id: string; lsn: number }
  | { kind: 'deleted'; id: string }
  | { kind: 'snapshot-end'; lsn: number };

// A live account whose change carries no LSN is never taken for one a snapshot did not read: a token wrongly refused
// locks a user out, one wrongly honoured still meets copies that were reconciled.
const UNKNOWN_LSN = Number.MAX_SAFE_INTEGER;

/**
 * Reads a message of the users topic: an account inserted, updated or read by a snapshot (live, at its change's LSN),
 * deleted (`op: d`, keyed `{"id": …}`), or the end of a snapshot in the message's partition (cdc/README.md,
 * "Snapshot-end markers"); null for a tombstone (the delete before it said it all) or anything else.
 */
export function readAccountChange(message: Pick<KafkaMessage, 'key' | 'value' | 'headers'>): AccountChange | null {
  try {
    if (isSnapshotEndMarker(message)) {
      const lsn = Number((JSON.parse(message.value?.toString('utf8') ?? 'null') as { lsn?: unknown } | null)?.lsn);
      return Number.isSafeInteger(lsn) && lsn > 0 ? { kind: 'snapshot-end', lsn } : null;
    }
    const id = (JSON.parse(message.key?.toString('utf8') ?? 'null') as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || message.value === null) return null;
    const change = JSON.parse(message.value.toString('utf8')) as { op?: unknown; source?: { lsn?: unknown } } | null;
    if (change?.op === 'd') return { kind: 'deleted', id: id.toLowerCase() };
    if (change?.op !== 'c' && change?.op !== 'u' && change?.op !== 'r') return null;
    const lsn = Number(change.source?.lsn);
    return { kind: 'live', id: id.toLowerCase(), lsn: Number.isSafeInteger(lsn) && lsn > 0 ? lsn : UNKNOWN_LSN };
  } catch {
    return null;
  }
}
