import { entityLoader, executeBound, isUuid } from '@petcare/service-kit';
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Alert } from './modules/alert/alert.entity.ts';
import { findAlertPages, type AlertPage, type AlertPageRequest } from './modules/alert/alert.repository.ts';

/** Per-request batches: one SQL query per kind of read however many users or alerts a request asks for. */
export interface AlertsLoaders {
  alertById: DataLoader<string, Alert | null>;
  alertPage: DataLoader<AlertPageRequest, AlertPage, string>;
  alertCountByUserId: DataLoader<string, number>;
  unreadAlertCountByUserId: DataLoader<string, number>;
}

/** Builds a request's loaders on its forked EntityManager. */
export function createLoaders(em: EntityManager): AlertsLoaders {
  // Separate loaders for all and unread: the unread count must stay on the small partial index, whose predicate the
  // literal `read_at is null` matches. Bound on the pool (see executeBound): one of these runs behind every home screen.
  const countLoader = (unreadOnly: boolean) =>
    new DataLoader<string, number>(async (userIds) => {
      const ids = userIds.filter(isUuid);
      if (ids.length === 0) return userIds.map(() => 0);
      const rows = await executeBound<{ user_id: string; n: number }>(
        em,
        `select user_id, count(*)::int as n from alert where user_id = any($1::uuid[]) ${unreadOnly ? 'and read_at is null' : ''} group by user_id`,
        [ids],
        { prepared: true },
      );
      const byUser = new Map(rows.map((r) => [r.user_id, r.n]));
      return userIds.map((id) => byUser.get(id.toLowerCase()) ?? 0);
    });

  return {
    alertById: entityLoader(em, Alert, { accept: isUuid }),
    alertPage: new DataLoader((requests) => findAlertPages(em, requests), {
      cacheKeyFn: (r) => JSON.stringify([r.userId, r.first, r.after?.createdAt.toISOString() ?? null, r.after?.id ?? null, r.unreadOnly]),
    }),
    alertCountByUserId: countLoader(false),
    unreadAlertCountByUserId: countLoader(true),
  };
}
