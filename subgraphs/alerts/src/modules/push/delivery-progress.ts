import type { EntityManager } from '@mikro-orm/postgresql';

/** Where a push job stands, for an operator's progress query. Counts are of devices unless named users. */
export interface DeliveryProgress {
  jobId: string;
  state: 'PENDING' | 'RUNNING' | 'DONE';
  /** The alert kind the job sends; PER_ALERT for a job pushing stored alerts of their own kinds. */
  kind: string;
  /** Users who got the alert in their inbox so far. */
  usersTargeted: number;
  /** Of those, users who muted this kind: stored, not pushed. */
  usersMuted: number;
  /** Devices a push was attempted to. */
  devicesTargeted: number;
  sent: number;
  /** Failed for good (a bad payload, an APNs credential problem, retries exhausted). */
  failed: number;
  /** Tokens FCM rejected: marked dead here and reported to the users service. */
  tokensRemoved: number;
  /** In flight when a worker died: maybe delivered, never resent (at most once). */
  unknown: number;
  /** Waiting for a retry or in flight now. */
  pending: number;
  /** The alerts were stored but nothing was pushed: the instance that ran the job had no FCM credentials. */
  pushesOff: boolean;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** The job's progress, or null for an unknown id. One row read: cheap enough to poll. */
export async function getDeliveryProgress(em: EntityManager, jobId: string): Promise<DeliveryProgress | null> {
  const [r] = await em.execute<Record<string, unknown>[]>(
    `select id, state, kind, pushes_off, users_targeted, users_muted, devices_targeted, sent, failed, tokens_removed, unknown, created_at, started_at, finished_at
       from push_job where id = ?`,
    [jobId],
  );
  if (!r) return null;
  const n = (k: string) => Number(r[k]);
  return {
    jobId: r['id'] as string,
    state: r['state'] as DeliveryProgress['state'],
    kind: (r['kind'] as string | null) ?? 'PER_ALERT',
    usersTargeted: n('users_targeted'),
    usersMuted: n('users_muted'),
    devicesTargeted: n('devices_targeted'),
    sent: n('sent'),
    failed: n('failed'),
    tokensRemoved: n('tokens_removed'),
    unknown: n('unknown'),
    pending: n('devices_targeted') - n('sent') - n('failed') - n('tokens_removed') - n('unknown'),
    pushesOff: r['pushes_off'] as boolean,
    createdAt: new Date(r['created_at'] as string),
    startedAt: r['started_at'] ? new Date(r['started_at'] as string) : null,
    finishedAt: r['finished_at'] ? new Date(r['finished_at'] as string) : null,
  };
}
