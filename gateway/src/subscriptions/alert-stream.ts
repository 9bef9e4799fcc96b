import type { FormattedExecutionResult } from 'graphql';
import type { Logger } from '@petcare/service-kit';
import { BoundedQueue } from './bounded-queue.ts';
import { DeliveryLog } from './delivery-log.ts';
import type { AlertEvent } from './alert-event.ts';
import type { AlertFeed } from './alert-feed.ts';
import type { AlertPosition } from './alert-position.ts';
import type { AlertSubscriptionPlan, PlannedQuery } from './alert-subscription-plan.ts';
import { alertOutcome, splitBacklog, type AlertOutcome } from './alert-result.ts';

/** Backlog page size: the most `alertsAfter` returns at once. */
export const BACKLOG_PAGE_SIZE = 100;
/** Delivered ids one subscription remembers to drop replays by id (older ones are dropped by position). */
export const DELIVERY_LOG_LIMIT = 1_000;
// Waits between attempts to resolve an alert while a subgraph is unavailable (~5 s in all), before giving up.
const RETRY_DELAYS_MS = [250, 750, 1_500, 2_500];

/** Why a stream asks for its connection to be closed so the client reconnects and resumes with `after`. */
export type StreamEnd = { reason: 'overflow'; queued: number } | { reason: 'unavailable'; detail: string };

/** What one alertAdded subscription needs. */
export interface AlertStreamOptions {
  feed: AlertFeed;
  userId: string;
  plan: AlertSubscriptionPlan;
  /**
   * Where delivery starts: after this alert of the caller's (the client's `after`, or the newest alert it had when
   * subscribing), with its position; null when the caller had no alert to start after.
   */
  resume: { after: string; floor: AlertPosition } | null;
  /** Runs a planned query through the gateway's executor as the subscriber. */
  execute(query: PlannedQuery): Promise<FormattedExecutionResult>;
  /** Alerts that may wait for the client; one more and the stream ends with `overflow`. */
  queueLimit: number;
  /** Ends the connection (the stream cannot go on without losing alerts); called at most once. */
  end(why: StreamEnd): void;
  /** Aborted when the connection closes: the stream stops listening at once. */
  connectionSignal: AbortSignal;
  log: Logger;
}

/**
 * One alertAdded subscription: listens to the feed first (so nothing stored from now on is missed), then delivers
 * the backlog after its resume point (oldest first, through `alertsAfter`), then the live alerts, each resolved for the
 * client's selection through the gateway's executor, each at most once (a DeliveryLog). Events wait in a bounded
 * queue while the client reads; when it is full the stream ends the connection rather than grow.
 *
 * Returned as an async iterator whose `return` aborts any wait at once, so graphql-ws can end it when the client
 * completes the subscription or the socket closes, whatever it is waiting for.
 */
export function openAlertStream(options: AlertStreamOptions): AsyncIterableIterator<FormattedExecutionResult> {
  const controller = new AbortController();
  const queue = new BoundedQueue<AlertEvent>(options.queueLimit);
  let ended = false;
  const end = (why: StreamEnd) => {
    if (ended) return;
    ended = true;
    controller.abort();
    options.end(why);
  };
  const stopListening = options.feed.listen(options.userId, {
    alert: (event) => {
      if (!queue.push(event)) end({ reason: 'overflow', queued: queue.size });
    },
    interrupted: (detail) => end({ reason: 'unavailable', detail }),
  });
  const abort = () => controller.abort();
  options.connectionSignal.addEventListener('abort', abort, { once: true });
  controller.signal.addEventListener(
    'abort',
    () => {
      stopListening();
      queue.close();
      options.connectionSignal.removeEventListener('abort', abort);
    },
    { once: true },
  );
  if (options.connectionSignal.aborted) controller.abort();

  const generator = deliver(options, queue, controller.signal, end);
  return {
    next: () => generator.next(),
    return: (value?: unknown) => {
      controller.abort();
      return generator.return(value as undefined);
    },
    throw: (error?: unknown) => {
      controller.abort();
      return generator.throw(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

async function* deliver(
  options: AlertStreamOptions,
  queue: BoundedQueue<AlertEvent>,
  signal: AbortSignal,
  end: (why: StreamEnd) => void,
): AsyncGenerator<FormattedExecutionResult, void, undefined> {
  const { plan, log } = options;
  const delivered = new DeliveryLog(DELIVERY_LOG_LIMIT, options.resume?.floor ?? null);

  if (options.resume) {
    let cursor = options.resume.after;
    for (;;) {
      const page = await withRetries(signal, log, async () =>
        splitBacklog(await options.execute(plan.backlog(cursor, BACKLOG_PAGE_SIZE)), plan),
      );
      if (signal.aborted) return;
      if (page.kind === 'failed') return end({ reason: 'unavailable', detail: describe(page) });
      for (const alert of page.alerts) {
        if (!delivered.isNew(alert.position)) continue;
        delivered.record(alert.position);
        yield alert.payload;
        if (signal.aborted) return;
      }
      if (page.alerts.length < BACKLOG_PAGE_SIZE) break;
      cursor = page.alerts.at(-1)!.position.id;
    }
  }

  for (;;) {
    const event = await queue.next();
    if (event === undefined || signal.aborted) return;
    if (!delivered.isNew(event)) continue;
    const outcome = await withRetries(signal, log, async () => alertOutcome(await options.execute(plan.alert(event.id)), plan));
    if (signal.aborted) return;
    if (outcome.kind === 'none') {
      // Stored for this user, yet not theirs to read now: deleted since (account erasure), or the alerts service refused.
      log.info({ alertId: event.id }, 'subscription skipped an alert the alerts service no longer returns');
      continue;
    }
    if (outcome.kind === 'failed') {
      if (outcome.transient) return end({ reason: 'unavailable', detail: describe(outcome) });
      // Not a fault that waiting cures: the client hears about this alert as an error and the stream goes on.
      delivered.record(event);
      yield { data: null, errors: outcome.errors };
      continue;
    }
    delivered.record(event);
    yield outcome.payload;
  }
}

type Failure = Extract<AlertOutcome, { kind: 'failed' }>;

/**
 * Asks again while the outcome is a transient failure (a subgraph restarting), a few seconds in all. An exception
 * from the executor counts as one: the gateway's own fault is logged, and the client resumes after a reconnect.
 */
async function withRetries<R extends { kind: string }>(
  signal: AbortSignal,
  log: Logger,
  attempt: () => Promise<R | Failure>,
): Promise<R | Failure> {
  for (let i = 0; ; i++) {
    let outcome: R | Failure;
    try {
      outcome = await attempt();
    } catch (error) {
      log.error({ err: error }, "resolving a subscription's alert failed");
      outcome = { kind: 'failed', transient: true, errors: [{ message: 'the gateway could not resolve the alert' }] };
    }
    if (!isTransient(outcome) || i >= RETRY_DELAYS_MS.length || signal.aborted) return outcome;
    await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[i]));
  }
}

function isTransient(outcome: { kind: string }): boolean {
  return outcome.kind === 'failed' && (outcome as Failure).transient;
}

function describe(outcome: Failure): string {
  return outcome.errors.map((e) => e.message).join('; ') || 'no data';
}
