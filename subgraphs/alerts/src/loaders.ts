import { entityLoader, isUuid } from '@petcare/service-kit';
import DataLoader from 'dataloader';
import { raw, type EntityManager } from '@mikro-orm/postgresql';
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
  // Separate loaders for all and unread: the unread count must stay on the small partial index.
  const countLoader = (unreadOnly: boolean) =>
    new DataLoader<string, number>(async (userIds) => {
      const ids = userIds.filter(isUuid);
      if (ids.length === 0) return userIds.map(() => 0);
      const rows: { userId: string; n: number }[] = await em
        .createQueryBuilder(Alert)
        .select(['userId', raw('count(*)::int as n')])
        .where({ userId: { $in: ids }, ...(unreadOnly ? { readAt: null } : {}) })
        .groupBy('userId')
        .execute('all', true);
      const byUser = new Map(rows.map((r) => [r.userId, r.n]));
      return userIds.map((id) => byUser.get(id) ?? 0);
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
