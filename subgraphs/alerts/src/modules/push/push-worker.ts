import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { SendResponse } from 'firebase-admin/messaging';
import type { Logger } from '@petcare/service-kit';
import type { FcmMessaging } from './fcm-messaging.ts';
import type { PushDb } from './push-db.ts';
import { fcmOutcome } from './fcm-outcome.ts';
import { retryDelayMs, QUOTA_MIN_BACKOFF_MS, type BackoffPolicy } from './push-backoff.ts';
import { pushMessage, pushTemplate, type PushTemplate } from './push-payload.ts';
import { PushRateLimiter, sleep } from './push-rate-limiter.ts';
import {
  claimJob,
  createAlertsChunk,
  pruneOutbox,
  finishIfDone,
  finishWithoutPushes,
  nextRetryAt,
  recordOutcomes,
  releaseJob,
  renewLease,
  reserveDevices,
  reserveRetries,
  type ClaimedJob,
  type RecordedOutcome,
  type ReservedDevice,
} from './push-job-store.ts';

// A job whose next retry is further away than this is handed back until then, freeing the worker.
const PARK_AFTER_MS = 2000;

/** How a worker sends. */
export interface PushWorkerOptions {
  /** The worker's own pool (see push-db.ts); the API side uses the ORM. */
  db: PushDb;
  /** FCM through firebase-admin; null when this instance has no credentials: jobs still store their alerts. */
  fcm: FcmMessaging | null;
  log: Logger;
  /** The Firebase project's quota, shared by every instance (600,000 per minute for FCM). */
  messagesPerMinute: number;
  /** Messages per `sendEach` call; FCM allows at most 500. */
  batchSize: number;
  /** `sendEach` calls in flight at once; with the agent's socket cap, what keeps the pipe full. */
  lanes: number;
  /** How long a claimed job stays ours without renewal; a crashed worker's job is taken over after it. */
  leaseMs: number;
  /** Idle wait between looks for new jobs. */
  pollMs: number;
  backoff: BackoffPolicy;
  androidChannelId: string;
  /** Users whose alerts are created per statement. */
  alertsChunk?: number;
  /** Names this worker in leases; defaults to host, pid and a random suffix. */
  owner?: string;
}

/**
 * Fans push jobs out through FCM: claims a job (lease), creates each targeted user's alert (unless the job
 * pushes alerts already stored), then walks
 * the users' devices by id in batches — reserve (`in_flight`), `sendEach`, record outcomes — with several
 * batches in flight, under the shared rate limit; retries what FCM says to retry, when it is due; marks the
 * job done. Run one per instance beside the API: `start()` returns at once, `stop()` waits for the batches
 * in flight to be recorded and gives the job back.
 */
export class PushWorker {
  readonly owner: string;
  private readonly limiter: PushRateLimiter;
  private readonly batch: number;
  private stopping = new AbortController();
  private loop: Promise<void> | null = null;

  constructor(private readonly options: PushWorkerOptions) {
    this.owner = options.owner ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.limiter = new PushRateLimiter({ messagesPerMinute: options.messagesPerMinute }, Math.min(500, options.batchSize));
    this.batch = this.limiter.chunkSize;
  }

  /** Starts looking for jobs in the background. */
  async start(): Promise<void> {
    if (this.loop) return;
    this.stopping = new AbortController();
    this.loop = this.run().catch((err: unknown) => this.options.log.error({ err }, 'push worker stopped on an error'));
  }

  /** Stops taking work, lets batches in flight finish and be recorded, releases the job. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    this.loop = null;
  }

  private async run(): Promise<void> {
    const signal = this.stopping.signal;
    while (!signal.aborted) {
      let job: ClaimedJob | null = null;
      try {
        job = await claimJob(this.options.db, this.owner, this.options.leaseMs);
      } catch (err) {
        this.options.log.error({ err }, 'push worker could not claim a job');
      }
      if (!job) {
        await sleep(this.options.pollMs, signal);
        continue;
      }
      if (job.orphaned > 0)
        this.options.log.warn(
          { jobId: job.id, unknown: job.orphaned },
          'took over a push job: its in-flight sends are recorded as unknown and not resent',
        );
      try {
        await this.runJob(job, signal);
      } catch (err) {
        this.options.log.error({ err, jobId: job.id }, 'push job interrupted; it resumes after its lease');
        await sleep(this.options.pollMs, signal);
      }
    }
  }

  private async runJob(job: ClaimedJob, stop: AbortSignal): Promise<void> {
    const { log, leaseMs } = this.options;
    const lost = new AbortController();
    const signal = AbortSignal.any([stop, lost.signal]);
    const renew = setInterval(() => {
      renewLease(this.options.db, job.id, this.owner, leaseMs).then(
        (ok) => ok || lost.abort(),
        (err: unknown) => log.warn({ err, jobId: job.id }, 'could not renew a push job lease'),
      );
    }, leaseMs / 3);
    try {
      let usersDone = job.usersDone;
      while (!usersDone && !signal.aborted) {
        const step = await createAlertsChunk(this.options.db, job, this.owner, this.options.alertsChunk ?? 2000);
        if (!step.owned) return lost.abort();
        usersDone = step.done;
      }
      if (signal.aborted) return;
      if (!this.options.fcm) {
        if (!(await finishWithoutPushes(this.options.db, job.id, this.owner))) return lost.abort();
        log.info({ jobId: job.id }, 'push job done: alerts stored, nothing pushed (no FCM credentials)');
        return;
      }
      const templates = new TemplateCache(this.options.androidChannelId);
      // A job taken over or resumed may have retries waiting: look once.
      const state: LaneState = { devicesDone: job.devicesDone, retryDueAt: Date.now(), retryEpoch: 0 };
      while (!signal.aborted) {
        // A lane that fails stops the others after their current batch, so none sends on behind a failure.
        let failure: unknown = null;
        await Promise.all(
          Array.from({ length: this.options.lanes }, () =>
            this.lane(job, templates, state, signal, lost).catch((error: unknown) => {
              failure ??= error;
              lost.abort();
            }),
          ),
        );
        if (failure) throw failure;
        if (signal.aborted) break;
        if (await finishIfDone(this.options.db, job.id, this.owner)) {
          log.info({ jobId: job.id }, 'push job done');
          return;
        }
        const due = await nextRetryAt(this.options.db, job.id);
        state.retryDueAt = due ? due.getTime() : null;
        const waitMs = due ? due.getTime() - Date.now() : this.options.pollMs;
        if (waitMs > PARK_AFTER_MS && due) {
          await releaseJob(this.options.db, job.id, this.owner, due);
          return;
        }
        await sleep(Math.max(0, waitMs), signal);
      }
    } finally {
      clearInterval(renew);
      if (stop.aborted && !lost.signal.aborted) await releaseJob(this.options.db, job.id, this.owner);
    }
  }

  /**
   * One batch after another until nothing is due now: retries first, then new devices. The next batch's
   * rate-limit slot is taken while the current batch is on the wire, and a batch's outcomes are recorded
   * while the next one is reserved and sent, so a lane waits on PostgreSQL only to reserve.
   */
  private async lane(job: ClaimedJob, templates: TemplateCache, state: LaneState, signal: AbortSignal, lost: AbortController): Promise<void> {
    const db = this.options.db;
    let budget = settle(this.limiter.take(db, this.batch, signal));
    let recording = settle(Promise.resolve());
    try {
      while (!signal.aborted) {
        (await budget).unwrap();
        if (signal.aborted) return;
        const rows = await this.reserve(job, state, lost);
        if (rows === null) return;
        budget = settle(this.limiter.take(db, this.batch, signal));
        if (rows.length === 0) continue;
        const outcomes = await this.send(job.id, templates, rows);
        (await recording).unwrap();
        recording = settle(this.record(job.id, outcomes, state));
      }
    } finally {
      await budget;
      (await recording).unwrap();
    }
  }

  /** The next batch: due retries first, then the next devices; null when this lane has nothing left now. */
  private async reserve(job: ClaimedJob, state: LaneState, lost: AbortController): Promise<ReservedDevice[] | null> {
    const db = this.options.db;
    let rows: ReservedDevice[] = [];
    if (state.retryDueAt !== null && Date.now() >= state.retryDueAt) {
      const epoch = state.retryEpoch;
      rows = await reserveRetries(db, job.id, this.owner, this.batch);
      if (rows.length < this.batch) {
        const due = await nextRetryAt(db, job.id);
        // Unless another lane has recorded a retry meanwhile, the database's answer is the whole truth.
        if (state.retryEpoch === epoch) state.retryDueAt = due ? due.getTime() : null;
      }
    }
    if (rows.length === 0 && !state.devicesDone) {
      const next = await reserveDevices(db, job, this.owner, this.batch);
      if (!next.owned) {
        lost.abort();
        return null;
      }
      state.devicesDone = next.done;
      rows = next.rows;
    }
    return rows.length === 0 && state.devicesDone ? null : rows;
  }

  /** Sends a batch and says what each answer means; a QUOTA_EXCEEDED pauses every instance first. */
  private async send(
    jobId: string,
    templates: TemplateCache,
    rows: ReservedDevice[],
  ): Promise<{ deviceId: string; outcome: RecordedOutcome }[]> {
    const { backoff, log } = this.options;
    const fcm = this.options.fcm!;
    let responses: SendResponse[];
    try {
      responses = (await fcm.messaging.sendEach(rows.map((r) => pushMessage(templates.of(r), r.token, r.alert_id)))).responses;
    } catch (error) {
      // The whole call failed before any message went out (e.g. the OAuth token could not be fetched).
      log.error({ err: error, jobId }, 'FCM sendEach failed as a whole; the batch is retried');
      responses = rows.map(() => ({ success: false, error: { code: 'app/network-error', message: String(error) } as never }));
    }
    let quotaPauseMs = 0;
    const outcomes = rows.map((row, i) => {
      const outcome = fcmOutcome(responses[i]!);
      if (outcome.state !== 'retry') return { deviceId: row.device_id, outcome: outcome as RecordedOutcome };
      if (row.attempts >= backoff.maxAttempts)
        return { deviceId: row.device_id, outcome: { state: 'failed', code: outcome.code } as RecordedOutcome };
      const retryInMs = retryDelayMs(outcome, row.attempts, backoff);
      if (outcome.quota) quotaPauseMs = Math.max(quotaPauseMs, retryInMs, QUOTA_MIN_BACKOFF_MS);
      return { deviceId: row.device_id, outcome: { ...outcome, retryInMs } };
    });
    if (quotaPauseMs > 0) {
      log.warn({ jobId, pauseMs: quotaPauseMs }, 'FCM answered QUOTA_EXCEEDED: every instance pauses sending');
      await this.limiter.pause(this.options.db, quotaPauseMs);
    }
    return outcomes;
  }

  private async record(jobId: string, outcomes: { deviceId: string; outcome: RecordedOutcome }[], state: LaneState): Promise<void> {
    const now = Date.now();
    await recordOutcomes(this.options.db, jobId, outcomes);
    if (outcomes.some(({ outcome }) => outcome.state === 'token_rejected')) await pruneOutbox(this.options.db);
    let due = Number.POSITIVE_INFINITY;
    for (const { outcome } of outcomes) if (outcome.state === 'retry') due = Math.min(due, now + outcome.retryInMs);
    if (due < Number.POSITIVE_INFINITY) {
      state.retryEpoch++;
      state.retryDueAt = Math.min(state.retryDueAt ?? due, due);
    }
  }
}

/**
 * The push template of each distinct alert content a job sends: one for a job that created its users' alerts
 * from its own content, one per alert for a job pushing stored alerts (reminders, each naming its 동네).
 */
class TemplateCache {
  private readonly byContent = new Map<string, PushTemplate>();
  constructor(private readonly androidChannelId: string) {}

  of(row: ReservedDevice): PushTemplate {
    const key = `${row.kind}\u0000${row.title}\u0000${row.body}\u0000${JSON.stringify(row.data)}`;
    let template = this.byContent.get(key);
    if (!template) {
      template = pushTemplate({ kind: row.kind, title: row.title, body: row.body, data: row.data, androidChannelId: this.androidChannelId });
      this.byContent.set(key, template);
    }
    return template;
  }
}

/** What the lanes of one job share. */
interface LaneState {
  devicesDone: boolean;
  /** When the earliest retry this worker knows of is due (ms since epoch); null when none is pending. */
  retryDueAt: number | null;
  /** Counts recorded retries, so a lane's stale "no retry pending" cannot overwrite a newer one. */
  retryEpoch: number;
}

/** A promise that never rejects (so no rejection goes unhandled while it waits); `unwrap` rethrows. */
function settle<T>(promise: Promise<T>): Promise<{ unwrap(): T }> {
  return promise.then(
    (value) => ({ unwrap: () => value }),
    (error: unknown) => ({
      unwrap: () => {
        throw error;
      },
    }),
  );
}
