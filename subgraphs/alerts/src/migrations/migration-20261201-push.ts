import { Migration } from '@mikro-orm/migrations';

/**
 * Pushing alerts through FCM. A `push_job` is one push request (an audience and the alert's content, or alerts
 * already stored, each with its own content; where the fan-out has reached, who holds it); `push_attempt` is one (job, device) with its outcome, and its primary
 * key is what makes a second send of one job to one device impossible. Dead tokens, per-kind mutes, the
 * shared FCM rate limit and the outbox that tells the users service about rejected tokens live beside them.
 */
export class Migration20261201Push extends Migration {
  override name = 'Migration20261201Push';

  override up(): void {
    this.addSql(`create table push_job (
      id uuid primary key,
      dedupe_key text null unique,
      kind text null,
      title text null check (length(title) > 0),
      body text null,
      data jsonb null check (data is null or jsonb_typeof(data) = 'object'),
      audience_user_ids uuid[] null,
      audience_neighborhood_code char(10) null,
      alert_ids uuid[] null,
      pushes_off boolean not null default false,
      state text not null default 'PENDING' check (state in ('PENDING', 'RUNNING', 'DONE')),
      users_cursor uuid null,
      users_done boolean not null default false,
      devices_cursor uuid null,
      devices_done boolean not null default false,
      users_targeted int not null default 0,
      users_muted int not null default 0,
      devices_targeted int not null default 0,
      sent int not null default 0,
      failed int not null default 0,
      tokens_removed int not null default 0,
      unknown int not null default 0,
      lease_owner text null,
      lease_until timestamptz null,
      resume_at timestamptz null,
      created_at timestamptz(3) not null default now(),
      started_at timestamptz(3) null,
      finished_at timestamptz(3) null,
      check (num_nonnulls(audience_user_ids, audience_neighborhood_code, alert_ids) = 1),
      -- A job either creates one alert per targeted user from its own content, or pushes alerts that exist.
      check ((alert_ids is null) = (kind is not null and title is not null and body is not null))
    )`);
    // Workers look for unfinished jobs oldest first; finished ones drop out of this index.
    this.addSql(`create index push_job_open_idx on push_job (created_at) where state <> 'DONE'`);
    // No foreign key to push_job: its check costs a fifth of each 500-row reservation, and attempts are
    // only ever written by the worker holding the job.
    this.addSql(`create table push_attempt (
      job_id uuid not null,
      device_id uuid not null,
      user_id uuid not null,
      alert_id uuid not null,
      token text not null,
      platform text not null,
      state text not null check (state in ('in_flight', 'sent', 'retry', 'failed', 'token_rejected', 'unknown')),
      attempts int not null default 1,
      error_code text null,
      message_id text null,
      next_attempt_at timestamptz null,
      updated_at timestamptz not null default now(),
      primary key (job_id, device_id)
    )`);
    this.addSql(`create index push_attempt_retry_idx on push_attempt (job_id, next_attempt_at) where state = 'retry'`);
    this.addSql(`create index push_attempt_in_flight_idx on push_attempt (job_id) where state = 'in_flight'`);
    // Walks a 행정동's verified users in id order, chunk by chunk, for a job's alerts.
    this.addSql('create index verification_copy_code_user_idx on verification_copy (neighborhood_code, user_id)');
    // Keyed by device and token: a device that registers a new token is alive again.
    this.addSql(`create table push_dead_token (
      device_id uuid not null,
      token text not null,
      reason text not null,
      created_at timestamptz not null default now(),
      primary key (device_id, token)
    )`);
    this.addSql(`create table alert_mute (
      user_id uuid not null,
      kind text not null,
      created_at timestamptz not null default now(),
      primary key (user_id, kind)
    )`);
    // Debezium EventRouter's default column names.
    this.addSql(`create table outbox_event (
      id uuid primary key,
      aggregatetype text not null,
      aggregateid text not null,
      type text not null,
      payload jsonb not null,
      created_at timestamptz not null default now()
    )`);
    // One row per Firebase project: the theoretical arrival time of the next message (GCRA), shared by
    // every alerts instance, so the project-wide quota holds however many of them run; and the pause
    // after a QUOTA_EXCEEDED, which stops them all.
    this.addSql(`create table push_rate_limit (
      name text primary key,
      next_free_at timestamptz not null default now(),
      paused_until timestamptz null
    )`);
  }

  override down(): void {
    this.addSql('drop index verification_copy_code_user_idx');
    this.addSql('drop table push_rate_limit');
    this.addSql('drop table outbox_event');
    this.addSql('drop table alert_mute');
    this.addSql('drop table push_dead_token');
    this.addSql('drop table push_attempt');
    this.addSql('drop table push_job');
  }
}
