import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Alert } from './alert.entity.ts';
import type { AlertKind } from './alert-kind.ts';
import type { PageArgs } from './alert.validation.ts';

/** What a producer (seed, CDC consumer, scheduler) knows when something happened that a user should hear about. */
export interface NewAlert {
  userId: string;
  kind: AlertKind;
  title: string;
  body: string;
  /** Extra payload for the app, e.g. `{ neighborhoodCode }`. */
  data?: Record<string, unknown> | null;
  /**
   * Names the event, e.g. `verification-expiring:<verificationId>`: the same key never makes a second alert,
   * so an event delivered twice (CDC is at-least-once) is harmless.
   */
  dedupeKey?: string | null;
  /** When it happened; defaults to now. */
  createdAt?: Date;
}

/**
 * Stores one alert unless its dedupe key is already taken, and returns its id, or null when nothing was written
 * (an event delivered twice). Runs in whatever transaction `em` is in, so a consumer can record the event as
 * processed in the same one.
 */
export async function createAlert(em: EntityManager, input: NewAlert): Promise<string | null> {
  const [id] = await createAlerts(em, [input]);
  return id ?? null;
}

/**
 * Stores many alerts in ONE statement, each unless its dedupe key is taken (`on conflict do nothing`, so
 * concurrent deliveries of one event cannot race), and returns the ids of those stored. For consumers applying
 * a chunk of events: one round trip instead of one per event.
 */
export async function createAlerts(em: EntityManager, inputs: readonly NewAlert[]): Promise<string[]> {
  if (inputs.length === 0) return [];
  const now = new Date().toISOString();
  const rows = inputs.map((input) => ({
    id: randomUUID(),
    user_id: input.userId,
    kind: input.kind,
    title: input.title,
    body: input.body,
    data: input.data ?? null,
    dedupe_key: input.dedupeKey ?? null,
    created_at: (input.createdAt ?? null)?.toISOString() ?? now,
  }));
  const stored = await em.execute<{ id: string }[]>(
    `insert into alert (id, user_id, kind, title, body, data, dedupe_key, created_at)
     select id, user_id, kind, title, body, data, dedupe_key, created_at
       from jsonb_to_recordset(?::jsonb) as r(id uuid, user_id uuid, kind text, title text, body text, data jsonb, dedupe_key text, created_at timestamptz)
     on conflict (dedupe_key) do nothing returning id`,
    [JSON.stringify(rows)],
  );
  return stored.map((r) => r.id);
}

/** One page asked for: whose alerts, from where, how many. */
export interface AlertPageRequest extends PageArgs {
  userId: string;
}

/** The alerts of one page, newest first, and whether more follow. */
export interface AlertPage {
  alerts: Alert[];
  hasNextPage: boolean;
}

// Stands in for "no cursor": every stored row sorts before it, so one keyset predicate serves every page.
const BEFORE_EVERYTHING = { createdAt: 'infinity', id: 'ffffffff-ffff-ffff-ffff-ffffffffffff' };

/**
 * Reads many pages in ONE query: the requests travel as one jsonb parameter and a lateral subquery
 * walks the (user_id, created_at desc, id desc) index for each, keyset style (no OFFSET), so the
 * cost of a page does not grow with how far down the list it is. Each page fetches one extra row
 * to learn whether another page follows.
 */
export async function findAlertPages(em: EntityManager, requests: readonly AlertPageRequest[]): Promise<AlertPage[]> {
  const params = requests.map((r, idx) => ({
    idx,
    user_id: r.userId,
    unread_only: r.unreadOnly,
    after_created_at: r.after ? r.after.createdAt.toISOString() : BEFORE_EVERYTHING.createdAt,
    after_id: r.after ? r.after.id : BEFORE_EVERYTHING.id,
    lim: r.first + 1,
  }));
  const rows = await em.getConnection().execute<Record<string, unknown>[]>(
    `select r.idx as request_idx, a.*
       from jsonb_to_recordset(?::jsonb)
            as r(idx int, user_id uuid, unread_only boolean, after_created_at timestamptz, after_id uuid, lim int)
       cross join lateral (
         select * from alert
          where alert.user_id = r.user_id
            and (alert.created_at, alert.id) < (r.after_created_at, r.after_id)
            and (not r.unread_only or alert.read_at is null)
          order by alert.created_at desc, alert.id desc
          limit r.lim
       ) a
      order by r.idx, a.created_at desc, a.id desc`,
    [JSON.stringify(params)],
  );
  const pages = requests.map((): Alert[] => []);
  for (const { request_idx: idx, ...row } of rows) pages[idx as number]!.push(em.map(Alert, row));
  return pages.map((alerts, idx) => {
    const first = requests[idx]!.first;
    return { alerts: alerts.slice(0, first), hasNextPage: alerts.length > first };
  });
}
/**
 * A user's alerts created after their alert `afterId`, oldest first, at most `first`: keyset on (created_at, id),
 * the list order reversed, walking the same (user_id, created_at desc, id desc) index backwards. Null when
 * `afterId` is not one of this user's alerts, so the caller can say which argument is wrong.
 */
export async function findAlertsAfter(em: EntityManager, userId: string, afterId: string, first: number): Promise<Alert[] | null> {
  const rows = await em.getConnection().execute<Record<string, unknown>[]>(
    `with anchor as (select created_at, id from alert where id = ? and user_id = ?)
     select true as anchored, a.*
       from anchor
       left join lateral (
         select * from alert
          where alert.user_id = ? and (alert.created_at, alert.id) > (anchor.created_at, anchor.id)
          order by alert.created_at, alert.id
          limit ?
       ) a on true`,
    [afterId, userId, userId, first],
  );
  if (rows.length === 0) return null;
  return rows.filter((row) => row['id'] != null).map(({ anchored: _anchored, ...row }) => em.map(Alert, row));
}
