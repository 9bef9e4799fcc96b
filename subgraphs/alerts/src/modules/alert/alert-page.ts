import type { EntityManager } from '@mikro-orm/postgresql';
import { Alert } from './alert.entity.ts';
import type { PageArgs } from './alert.validation.ts';

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
