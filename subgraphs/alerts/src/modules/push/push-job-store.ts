import type { PushDb } from './push-db.ts';
import type { FcmOutcome } from './fcm-outcome.ts';

// The SQL of one worker's life with a job. Every statement that moves a job forward checks that the
// worker still holds the job's lease, so a worker that lost it (a long pause, a partition) cannot write over
// the worker that took over.

const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

/** A push job as a worker holds it. */
export interface ClaimedJob {
  id: string;
  audienceUserIds: string[] | null;
  audienceNeighborhoodCode: string | null;
  /** Alerts already stored that the job pushes (each with its own content); null when it creates them. */
  alertIds: string[] | null;
  usersDone: boolean;
  devicesDone: boolean;
  /** In-flight attempts of a previous holder, now recorded as unknown (not resent). */
  orphaned: number;
}

/** One (job, device) about to be sent, with the content of the user's alert it carries. */
export interface ReservedDevice {
  device_id: string;
  user_id: string;
  alert_id: string;
  token: string;
  attempts: number;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown> | null;
}

/** An attempt's recorded outcome. */
export type RecordedOutcome = Exclude<FcmOutcome, { state: 'retry' }> | (Extract<FcmOutcome, { state: 'retry' }> & { retryInMs: number });

/**
 * Takes the oldest unfinished job whose lease is free or expired (`for update skip locked`: workers never
 * wait for each other), and turns the previous holder's `in_flight` attempts into `unknown`: they may or
 * may not have reached FCM, and they are not sent again.
 */
export async function claimJob(db: PushDb, owner: string, leaseMs: number): Promise<ClaimedJob | null> {
  return db.transaction(async (tx) => {
    const [job] = await tx.rows<Record<string, unknown>>(
      `with next as (
         select id from push_job
          where state <> 'DONE' and (lease_until is null or lease_until < clock_timestamp())
            and (resume_at is null or resume_at <= clock_timestamp())
          order by created_at limit 1 for update skip locked)
       update push_job j set lease_owner = $1, lease_until = clock_timestamp() + make_interval(secs => $2), state = 'RUNNING', resume_at = null,
              started_at = coalesce(j.started_at, now())
         from next where j.id = next.id
       returning j.id, j.audience_user_ids, j.audience_neighborhood_code, j.alert_ids, j.users_done, j.devices_done`,
      [owner, leaseMs / 1000],
    );
    if (!job) return null;
    const [orphans] = await tx.rows<{ n: number }>(
      `with u as (update push_attempt set state = 'unknown', updated_at = now() where job_id = $1 and state = 'in_flight' returning 1)
       update push_job set unknown = unknown + (select count(*) from u) where id = $2 returning (select count(*) from u)::int as n`,
      [job['id'], job['id']],
    );
    return {
      id: job['id'] as string,
      audienceUserIds: job['audience_user_ids'] as string[] | null,
      alertIds: job['alert_ids'] as string[] | null,
      audienceNeighborhoodCode: job['audience_neighborhood_code'] as string | null,
      usersDone: job['users_done'] as boolean,
      devicesDone: job['devices_done'] as boolean,
      orphaned: orphans?.n ?? 0,
    };
  });
}

/** Extends the lease; false when another worker holds the job now. */
export async function renewLease(db: PushDb, jobId: string, owner: string, leaseMs: number): Promise<boolean> {
  const rows = await db.rows(
    'update push_job set lease_until = clock_timestamp() + make_interval(secs => $1) where id = $2 and lease_owner = $3 returning 1',
    [leaseMs / 1000, jobId, owner],
  );
  return rows.length > 0;
}

/**
 * Gives the job back: at once on a graceful stop (another worker takes it without waiting for the lease),
 * or until `resumeAt` when all it has left are retries not yet due, so it does not hold a worker idle.
 */
export async function releaseJob(db: PushDb, jobId: string, owner: string, resumeAt: Date | null = null): Promise<void> {
  await db.rows(
    `update push_job set lease_owner = null, lease_until = null, resume_at = $1 where id = $2 and lease_owner = $3 and state <> 'DONE'`,
    [resumeAt, jobId, owner],
  );
}

/**
 * The next `chunk` targeted users after the job's cursor, in user id order, as a lateral subquery of `j`
 * (so the cursor is an index condition, not a filter: each chunk reads only its own rows).
 */
function nextUsers(job: ClaimedJob): { sql: string; params: unknown[] } {
  if (job.audienceUserIds) {
    return {
      sql: `select distinct u.user_id from unnest(j.audience_user_ids) as u(user_id)
             where u.user_id > coalesce(j.users_cursor, $3::uuid) order by u.user_id limit $4`,
      params: [ZERO_UUID],
    };
  }
  // Several 동네인증 rows per user are possible (two 동네): each user is targeted once.
  return {
    sql: `select distinct v.user_id from verification_copy v
           where v.neighborhood_code = j.audience_neighborhood_code and v.expires_at > j.created_at
             and v.user_id > coalesce(j.users_cursor, $3::uuid) order by v.user_id limit $4`,
    params: [ZERO_UUID],
  };
}

/**
 * Creates the next `chunk` users' alerts (one per user, dedupe key `push:<job>:<user>`, so a rerun of the
 * chunk creates none twice), walking users by id. Returns whether every targeted user now has one.
 */
export async function createAlertsChunk(
  db: PushDb,
  job: ClaimedJob,
  owner: string,
  chunk: number,
): Promise<{ done: boolean; owned: boolean }> {
  const users = nextUsers(job);
  const [row] = await db.rows<{ done: boolean }>(
    `with j as (select * from push_job where id = $1 and lease_owner = $2 for update),
     targets as (select t.user_id from j cross join lateral (${users.sql}) t),
     ins as (
       insert into alert (id, user_id, kind, title, body, data, dedupe_key, created_at)
       select gen_random_uuid(), t.user_id, j.kind, j.title, j.body, j.data, 'push:' || j.id || ':' || t.user_id, now() from targets t, j
       on conflict (dedupe_key) do nothing),
     stats as (
       select count(*)::int as n, max(t.user_id::text)::uuid as last,
              (count(*) filter (where exists (select 1 from alert_mute m, j where m.user_id = t.user_id and m.kind = j.kind)))::int as muted
         from targets t)
     update push_job p set users_cursor = coalesce(stats.last, p.users_cursor), users_done = stats.n < $5,
            users_targeted = p.users_targeted + stats.n, users_muted = p.users_muted + stats.muted
       from stats, j where p.id = j.id
     returning p.users_done as done`,
    [job.id, owner, ...users.params, chunk, chunk],
  );
  return { done: row?.done ?? false, owned: row !== undefined };
}

/**
 * Reserves the next `limit` devices of the job's users, walking `device_copy` by id from the job's cursor:
 * each becomes an `in_flight` attempt (its primary key forbids a second one) in the same statement that
 * moves the cursor. Muted users and dead tokens are skipped. Each device carries its user's alert: the one the
 * job created (`push:<job>:<user>`), or the one of the job's stored alerts that is that user's.
 */
export async function reserveDevices(
  db: PushDb,
  job: ClaimedJob,
  owner: string,
  limit: number,
): Promise<{ rows: ReservedDevice[]; done: boolean; owned: boolean }> {
  const alertOfDevice = job.alertIds
    ? 'a.id = any(j.alert_ids) and a.user_id = d.user_id'
    : `a.dedupe_key = 'push:' || j.id::text || ':' || d.user_id::text`;
  const [row] = await db.rows<{ owned: number; done: boolean; rows: ReservedDevice[] }>(
    `with j as (select id, devices_cursor, audience_user_ids, alert_ids from push_job where id = $1 and lease_owner = $2 for update),
     picked as (
       select p.* from j cross join lateral (
         select d.id as device_id, d.user_id, d.token, d.platform, a.id as alert_id, a.kind, a.title, a.body, a.data
           from device_copy d
           join alert a on ${alertOfDevice}
          where d.id > coalesce(j.devices_cursor, $3::uuid)
            ${job.audienceUserIds ? 'and d.user_id = any(j.audience_user_ids)' : ''}
            and not exists (select 1 from alert_mute m where m.user_id = d.user_id and m.kind = a.kind)
            and not exists (select 1 from push_dead_token x where x.device_id = d.id and x.token = d.token)
          order by d.id limit $4) p),
     ins as (
       insert into push_attempt (job_id, device_id, user_id, alert_id, token, platform, state)
       select j.id, p.device_id, p.user_id, p.alert_id, p.token, p.platform, 'in_flight' from picked p, j
       on conflict do nothing returning device_id, attempts),
     adv as (
       update push_job pj set devices_cursor = coalesce((select max(device_id::text)::uuid from picked), pj.devices_cursor),
              devices_done = (select count(*) from picked) < $5, devices_targeted = pj.devices_targeted + (select count(*) from ins)
         from j where pj.id = j.id returning pj.devices_done)
     select (select count(*) from adv)::int as owned, coalesce((select devices_done from adv), false) as done,
            coalesce((select jsonb_agg(jsonb_build_object('device_id', p.device_id, 'user_id', p.user_id, 'alert_id', p.alert_id,
                       'token', p.token, 'attempts', ins.attempts, 'kind', p.kind, 'title', p.title, 'body', p.body, 'data', p.data))
                        from ins join picked p using (device_id)), '[]'::jsonb) as rows`,
    [job.id, owner, ZERO_UUID, limit, limit],
  );
  return { rows: row?.rows ?? [], done: row?.done ?? false, owned: (row?.owned ?? 0) > 0 };
}

/** Takes up to `limit` attempts whose retry is due, back to `in_flight`, counting the try. */
export async function reserveRetries(db: PushDb, jobId: string, owner: string, limit: number): Promise<ReservedDevice[]> {
  return db.rows<ReservedDevice>(
    `with j as (select id from push_job where id = $1 and lease_owner = $2 for update),
     due as (
       select a.device_id from push_attempt a, j
        where a.job_id = j.id and a.state = 'retry' and a.next_attempt_at <= clock_timestamp()
        order by a.next_attempt_at limit $3 for update of a skip locked)
     update push_attempt a set state = 'in_flight', attempts = a.attempts + 1, updated_at = now()
       from due, alert al where a.job_id = $4 and a.device_id = due.device_id and al.id = a.alert_id
     returning a.device_id, a.user_id, a.alert_id, a.token, a.attempts, al.kind, al.title, al.body, al.data`,
    [jobId, owner, limit, jobId],
  );
}

/**
 * Records a batch's outcomes in one statement: attempts, the job's counts, dead tokens, and for each token
 * newly found dead a DEVICE_TOKEN_REJECTED outbox row (a system event: id, type, occurredAt, then the device),
 * which Debezium's EventRouter carries to the users service, the devices' owner. Only `in_flight` attempts are updated: one already declared unknown by a
 * worker that took over stays unknown.
 */
export async function recordOutcomes(db: PushDb, jobId: string, outcomes: { deviceId: string; outcome: RecordedOutcome }[]): Promise<void> {
  const values = outcomes.map(({ deviceId, outcome: o }) => ({
    device_id: deviceId,
    state: o.state,
    error_code: o.state === 'sent' ? null : o.code,
    message_id: o.state === 'sent' ? o.messageId : null,
    retry_in_ms: o.state === 'retry' ? o.retryInMs : null,
  }));
  await db.rows(
    `with v as (select * from jsonb_to_recordset($1::jsonb) as v(device_id uuid, state text, error_code text, message_id text, retry_in_ms float8)),
     u as (
       update push_attempt a set state = v.state, error_code = v.error_code, message_id = v.message_id, updated_at = now(),
              next_attempt_at = case when v.state = 'retry' then clock_timestamp() + make_interval(secs => v.retry_in_ms / 1000) end
         from v where a.job_id = $2 and a.device_id = v.device_id and a.state = 'in_flight'
       returning a.device_id, a.user_id, a.token, a.state, a.error_code),
     dead as (
       insert into push_dead_token (device_id, token, reason)
       select device_id, token, error_code from u where state = 'token_rejected'
       on conflict do nothing returning device_id),
     rejected as (select gen_random_uuid() as id, u.* from u join dead on dead.device_id = u.device_id),
     outbox as (
       insert into outbox_event (id, aggregatetype, aggregateid, type, payload)
       select r.id, 'device-token', r.device_id::text, 'DEVICE_TOKEN_REJECTED',
              jsonb_build_object('id', r.id, 'type', 'DEVICE_TOKEN_REJECTED', 'occurredAt', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                 'deviceId', r.device_id, 'token', r.token, 'userId', r.user_id, 'reason', r.error_code)
         from rejected r
       returning 1)
     update push_job set sent = sent + (select count(*) from u where state = 'sent'),
            failed = failed + (select count(*) from u where state = 'failed'),
            tokens_removed = tokens_removed + (select count(*) from u where state = 'token_rejected')
      where id = $3`,
    [JSON.stringify(values), jobId, jobId],
  );
}

/** Marks the job done when every user has an alert, every device was reserved, and no attempt is pending. */
export async function finishIfDone(db: PushDb, jobId: string, owner: string): Promise<boolean> {
  const rows = await db.rows(
    `update push_job p set state = 'DONE', finished_at = now(), lease_owner = null, lease_until = null
      where p.id = $1 and p.lease_owner = $2 and p.users_done and p.devices_done
        and not exists (select 1 from push_attempt a where a.job_id = p.id and a.state in ('retry', 'in_flight'))
     returning 1`,
    [jobId, owner],
  );
  return rows.length > 0;
}

/** Closes a job whose alerts are stored but which pushes nothing: this instance has no FCM credentials. */
export async function finishWithoutPushes(db: PushDb, jobId: string, owner: string): Promise<boolean> {
  const rows = await db.rows(
    `update push_job set state = 'DONE', devices_done = true, pushes_off = true, finished_at = now(), lease_owner = null, lease_until = null
      where id = $1 and lease_owner = $2 and users_done returning 1`,
    [jobId, owner],
  );
  return rows.length > 0;
}

/** When the job's earliest pending retry is due, or null when none is pending. */
export async function nextRetryAt(db: PushDb, jobId: string): Promise<Date | null> {
  const [row] = await db.rows<{ at: Date | null }>(
    `select min(next_attempt_at) as at from push_attempt where job_id = $1 and state = 'retry'`,
    [jobId],
  );
  return row?.at ? new Date(row.at) : null;
}

/**
 * Forgets outbox rows older than an hour: Debezium read each committed insert from the WAL long before (and its
 * EventRouter ignores deletes); the last hour stays as a local record of what was reported.
 */
export async function pruneOutbox(db: PushDb): Promise<void> {
  await db.rows(`delete from outbox_event where created_at < now() - interval '1 hour'`);
}
