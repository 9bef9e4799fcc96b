import type { EntityManager } from '@mikro-orm/postgresql';

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

  /** Reserves `n` (≤ chunkSize) messages in the shared schedule and resolves when they may be sent. */
  async take(em: EntityManager, n: number, signal?: AbortSignal): Promise<void> {
    const [row] = await em.getConnection().execute<{ wait_ms: number }[]>(
      `insert into push_rate_limit (name, next_free_at) values (?, clock_timestamp() + make_interval(secs => ?))
       on conflict (name) do update set next_free_at = greatest(push_rate_limit.next_free_at, clock_timestamp()) + make_interval(secs => ?)
       returning greatest(0, extract(epoch from (next_free_at - clock_timestamp())) * 1000 - ?)::float8 as wait_ms`,
      [this.name, (n * this.intervalMs) / 1000, (n * this.intervalMs) / 1000, n * this.intervalMs],
    );
    const wait = Number(row?.wait_ms ?? 0);
    if (wait > 0) await sleep(wait, signal);
  }

  /** After a QUOTA_EXCEEDED: no instance sends before `untilMs` from now (the schedule only moves later). */
  async pause(em: EntityManager, forMs: number): Promise<void> {
    await em.getConnection().execute(
      `insert into push_rate_limit (name, next_free_at) values (?, clock_timestamp() + make_interval(secs => ?))
       on conflict (name) do update set next_free_at = greatest(push_rate_limit.next_free_at, excluded.next_free_at)`,
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
