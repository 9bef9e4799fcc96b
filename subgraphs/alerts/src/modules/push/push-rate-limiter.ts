import type { PushDb } from './push-db.ts';

/** The project-wide FCM quota, as configured. */
export interface RateLimitOptions {
  /** FCM's quota for the Firebase project (600,000 by default). */
  messagesPerMinute: number;
  /** The row this project's instances share. */
  name?: string;
}

/**
 * FCM's per-project quota, enforced across every alerts instance by one PostgreSQL row: a GCRA ("virtual
 * scheduling") clock, `next_free_at`, that each taker advances by n × the emission interval in one atomic
 * UPDATE and then waits until its slot. Messages are taken in chunks (one round trip per chunk), so the
 * row is touched a dozen times a second at full speed.
 *
 * Windows of FCM's quota are not clock-aligned: a chunk sent at the end of one minute and the next at the
 * start of the following could both land in one window. Running at (quota − 2 chunks) per minute bounds
 * any 60-second window by the quota, straddling chunk included, so the limit is kept by construction,
 * not by provoking 429s. Chunks are at most 5 % of the quota.
 */
export class PushRateLimiter {
  readonly chunkSize: number;
  private readonly intervalMs: number;
  private readonly name: string;

  constructor(options: RateLimitOptions, batchSize: number) {
    this.name = options.name ?? 'fcm';
    this.chunkSize = Math.max(1, Math.min(batchSize, Math.floor(options.messagesPerMinute * 0.05)));
    this.intervalMs = 60_000 / Math.max(1, options.messagesPerMinute - 2 * this.chunkSize);
  }

  /**
   * Reserves `n` (≤ chunkSize) messages in the shared schedule and resolves when they may be sent. While
   * the project is paused nothing is reserved: the pause is looked at again every second, so lifting it
   * (or its end) lets sending resume at once.
   */
  async take(db: PushDb, n: number, signal?: AbortSignal): Promise<void> {
    const seconds = (n * this.intervalMs) / 1000;
    while (!signal?.aborted) {
      const [row] = await db.rows<{ pause_ms: number; wait_ms: number }>(
        `insert into push_rate_limit (name, next_free_at) values ($1, clock_timestamp() + make_interval(secs => $2))
         on conflict (name) do update set next_free_at = case
           when push_rate_limit.paused_until > clock_timestamp() then push_rate_limit.next_free_at
           else greatest(push_rate_limit.next_free_at, clock_timestamp()) + make_interval(secs => $3) end
         returning greatest(0, extract(epoch from (coalesce(paused_until, clock_timestamp()) - clock_timestamp())) * 1000)::float8 as pause_ms,
                   greatest(0, extract(epoch from (next_free_at - clock_timestamp())) * 1000 - $4)::float8 as wait_ms`,
        [this.name, seconds, seconds, seconds * 1000],
      );
      const pause = Number(row?.pause_ms ?? 0);
      if (pause > 0) {
        await sleep(Math.min(pause, 1000), signal);
        continue;
      }
      const wait = Number(row?.wait_ms ?? 0);
      if (wait > 0) await sleep(wait, signal);
      return;
    }
  }

  /** After a QUOTA_EXCEEDED: no instance sends for `forMs` (a pause only ever grows). */
  async pause(db: PushDb, forMs: number): Promise<void> {
    await db.rows(
      `insert into push_rate_limit (name, paused_until) values ($1, clock_timestamp() + make_interval(secs => $2))
       on conflict (name) do update set paused_until = greatest(push_rate_limit.paused_until, excluded.paused_until)`,
      [this.name, forMs / 1000],
    );
  }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
