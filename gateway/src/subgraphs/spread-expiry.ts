import { createHash } from 'node:crypto';

/**
 * When something cached under `key` at `now` expires, reused for at most `periodMs`: at the next moment of a
 * `periodMs` cycle that the key's hash picks. Entries of different keys thus expire spread evenly over the cycle,
 * whenever they were made. With a fixed lifetime from the moment of caching, entries made together (a cold start, a
 * deploy, the first second of a load) expired together and were all made again together, one burst every period.
 */
export function spreadExpiry(key: string, now: number, periodMs: number): number {
  const phase = createHash('sha1').update(key).digest().readUInt32BE(0) % periodMs;
  return now + periodMs - ((((now - phase) % periodMs) + periodMs) % periodMs);
}
