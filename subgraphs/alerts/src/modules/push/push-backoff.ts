import type { FcmOutcome } from './fcm-outcome.ts';

/** Google's guidance for QUOTA_EXCEEDED: wait at least a minute before the first retry. */
export const QUOTA_MIN_BACKOFF_MS = 60_000;

/** How retries are spaced. */
export interface BackoffPolicy {
  /** First delay for UNAVAILABLE / INTERNAL / network errors. */
  baseMs: number;
  /** No delay grows past this. */
  maxMs: number;
  /** Sends of one message before it is recorded as failed. */
  maxAttempts: number;
}

/**
 * When a retryable message may go again after its `attempts`-th try: exponential with full jitter
 * (base·2^(n-1), randomised so a fleet does not retry in step), never sooner than FCM's Retry-After, and
 * for QUOTA_EXCEEDED never sooner than a minute, doubling from there.
 */
export function retryDelayMs(
  outcome: Extract<FcmOutcome, { state: 'retry' }>,
  attempts: number,
  policy: BackoffPolicy,
  random = Math.random,
): number {
  const base = outcome.quota ? QUOTA_MIN_BACKOFF_MS : policy.baseMs;
  const cap = outcome.quota ? Math.max(policy.maxMs, QUOTA_MIN_BACKOFF_MS) : policy.maxMs;
  const exponential = Math.min(cap, base * 2 ** Math.max(0, attempts - 1));
  const jittered = outcome.quota ? exponential : exponential / 2 + (random() * exponential) / 2;
  return Math.max(jittered, outcome.retryAfterMs ?? 0);
}
