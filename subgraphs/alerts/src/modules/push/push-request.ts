import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badUserInput, isUuid } from '@petcare/service-kit';
import { alertKinds, type AlertKind } from '../alert/alert-kind.ts';
import { pushTemplate, PushPayloadTooLargeError } from './push-payload.ts';

// FCM rejects these data keys (and any starting with google or gcm); alertId and kind are set per push.
const RESERVED_DATA_KEYS = new Set(['from', 'notification', 'message_type', 'collapse_key', 'alertId', 'kind']);

/** Most users one request may name; larger audiences are a 행정동. */
export const MAX_AUDIENCE_USERS = 10_000;

/** Who a push goes to: listed users, or everyone whose 동네인증 in a 행정동 is active when the job is created. */
export type PushAudience = { userIds: string[] } | { neighborhoodCode: string };

/** A request to store an alert for each user of an audience and push it to their devices. */
export interface PushRequest {
  audience: PushAudience;
  kind: AlertKind;
  title: string;
  body: string;
  /** Given to the app when the user taps; stored on each alert, sent as string values. */
  data?: Record<string, unknown> | null;
  /**
   * Names the request (e.g. the Kafka event id or the operator's idempotency key): the same key never
   * makes a second job, so a redelivered event or a retried mutation pushes nothing twice.
   */
  dedupeKey?: string | null;
}

/** The job's id, and whether this call created it (false: the dedupe key named an existing job). */
export interface EnqueuedPush {
  jobId: string;
  created: boolean;
}

/**
 * Records a push job in the caller's transaction (`em`), so a resolver or a consumer commits it together
 * with its own writes; a {@link PushWorker} picks it up after commit. Returns at once. Checks the request
 * and throws BAD_USER_INPUT naming the field: a list of user ids (1–10,000 UUIDs) or a 10-digit 행정동 code,
 * a known kind, a non-empty title, and a payload that can fit FCM's 4 KB (a long body is cut, data is not).
 */
export async function enqueuePush(em: EntityManager, request: PushRequest): Promise<EnqueuedPush> {
  const audience = checkAudience(request.audience);
  if (!(alertKinds as readonly string[]).includes(request.kind)) throw badUserInput('kind', `must be one of ${alertKinds.join(', ')}`);
  if (request.title.trim().length === 0) throw badUserInput('title', 'must not be empty');
  const data = request.data ?? null;
  if (data !== null && (typeof data !== 'object' || Array.isArray(data))) throw badUserInput('data', 'must be an object');
  for (const key of Object.keys(data ?? {})) {
    if (RESERVED_DATA_KEYS.has(key) || /^(google|gcm)/i.test(key))
      throw badUserInput(`data.${key}`, 'is a key FCM or the push itself reserves');
  }
  try {
    pushTemplate({ kind: request.kind, title: request.title, body: request.body, data, androidChannelId: 'alerts' });
  } catch (error) {
    if (error instanceof PushPayloadTooLargeError) throw badUserInput(error.field, error.message);
    throw error;
  }
  const id = randomUUID();
  const [inserted] = await em.execute<{ id: string }[]>(
    `insert into push_job (id, dedupe_key, kind, title, body, data, audience_user_ids, audience_neighborhood_code)
     values (?, ?, ?, ?, ?, ?::jsonb, ?::uuid[], ?)
     on conflict (dedupe_key) do nothing returning id`,
    [
      id,
      request.dedupeKey ?? null,
      request.kind,
      request.title,
      request.body,
      data === null ? null : JSON.stringify(data),
      // Checked UUIDs only, so the array literal needs no quoting.
      audience.userIds ? `{${audience.userIds.join(',')}}` : null,
      audience.neighborhoodCode ?? null,
    ],
  );
  if (inserted) return { jobId: inserted.id, created: true };
  const [existing] = await em.execute<{ id: string }[]>('select id from push_job where dedupe_key = ?', [request.dedupeKey]);
  return { jobId: existing!.id, created: false };
}

function checkAudience(audience: PushAudience): { userIds?: string[]; neighborhoodCode?: string } {
  if ('userIds' in audience) {
    const ids = audience.userIds;
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_AUDIENCE_USERS) {
      throw badUserInput('audience.userIds', `must list 1 to ${MAX_AUDIENCE_USERS} user ids`);
    }
    const bad = ids.find((u) => !isUuid(u));
    if (bad !== undefined) throw badUserInput('audience.userIds', `${JSON.stringify(bad)} is not a user id (a UUID)`);
    return { userIds: [...new Set(ids.map((u) => u.toLowerCase()))] };
  }
  if (typeof audience.neighborhoodCode !== 'string' || !/^\d{10}$/.test(audience.neighborhoodCode)) {
    throw badUserInput('audience.neighborhoodCode', 'must be a 10-digit 행정동 code');
  }
  return { neighborhoodCode: audience.neighborhoodCode };
}

/**
 * Records a job that pushes alerts already stored (each user's own, each with its own content, like the
 * 동네인증 reminders a consumer stores in bulk) in the caller's transaction; null when there is nothing to push.
 * The caller's transaction makes it once: the job carries no dedupe key.
 */
export async function enqueueStoredAlertPushes(em: EntityManager, alertIds: readonly string[]): Promise<EnqueuedPush | null> {
  if (alertIds.length === 0) return null;
  const id = randomUUID();
  await em.execute(
    `insert into push_job (id, alert_ids, users_done, users_targeted)
     select ?, array_agg(a.id), true, count(distinct a.user_id) from alert a where a.id = any(?::uuid[]) having count(*) > 0`,
    [id, `{${alertIds.join(',')}}`],
  );
  return { jobId: id, created: true };
}
