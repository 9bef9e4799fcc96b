import { PoisonMessageError } from './poison-message-error.ts';

/**
 * Tells a message that will never apply (dead-letter it) from a fault that will pass (retry it).
 * PostgreSQL classes 22 (data exception) and 23 (integrity violation) mean the data itself is wrong;
 * connection loss, shutdown or a lock timeout are worth retrying.
 */
export function isPermanentFailure(error: unknown): boolean {
  if (error instanceof PoisonMessageError) return true;
  const e = error as { code?: unknown; sqlState?: unknown } | null;
  const state = typeof e?.sqlState === 'string' ? e.sqlState : typeof e?.code === 'string' ? e.code : '';
  return /^2[23][0-9A-Z]{3}$/.test(state);
}
