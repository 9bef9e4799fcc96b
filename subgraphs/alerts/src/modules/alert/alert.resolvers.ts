import { badUserInput, notFound, requireUserId } from '@petcare/service-kit';
import type { Resolvers } from '../../generated/graphql.ts';
import { loadAlertConnection } from './alert-connection.ts';
import { Alert } from './alert.entity.ts';
import { findAlertsAfter } from './alert.repository.ts';
import { checkAlertId, checkAlertsAfterSize } from './alert.validation.ts';

/** Listing and marking the signed-in user's alerts. */
export function alertResolvers(): Resolvers {
  return {
    Query: {
      alerts: (_root, args, ctx) => loadAlertConnection(ctx, requireUserId(ctx), args),
      alert: async (_root, args, ctx) => {
        const userId = requireUserId(ctx);
        const alert = await ctx.loaders.alertById.load(checkAlertId('id', args.id));
        // Same answer for "missing" and "someone else's", so ids cannot be probed.
        return alert && alert.userId === userId ? alert : null;
      },
      alertsAfter: async (_root, args, ctx) => {
        const userId = requireUserId(ctx);
        const alerts = await findAlertsAfter(ctx.em, userId, checkAlertId('id', args.id), checkAlertsAfterSize(args.first));
        if (!alerts) throw badUserInput('id', 'is not the id of one of your alerts');
        return alerts;
      },
    },
    Mutation: {
      markAlertRead: async (_root, args, ctx) => {
        const userId = requireUserId(ctx);
        const id = checkAlertId('id', args.id);
        // One conditional UPDATE: someone else's alert matches nothing, and an alert already read keeps its first readAt.
        await ctx.em.nativeUpdate(Alert, { id, userId, readAt: null }, { readAt: new Date() });
        const alert = await ctx.em.findOne(Alert, { id, userId });
        // Same answer for "missing" and "someone else's", so ids cannot be probed.
        if (!alert) throw notFound('alert');
        return alert;
      },
      markAllAlertsRead: (_root, _args, ctx) =>
        ctx.em.nativeUpdate(Alert, { userId: requireUserId(ctx), readAt: null }, { readAt: new Date() }),
    },
    Alert: {
      // Only the owner may see an alert, so another user's (or an unknown) id resolves to null.
      __resolveReference: async (ref, ctx) => {
        const alert = ctx.caller.userId ? await ctx.loaders.alertById.load(ref.id) : null;
        return alert && alert.userId === ctx.caller.userId ? alert : null;
      },
      isRead: (alert) => alert.readAt != null,
      // Other services own these; the gateway resolves the rest of each from the key named in the alert's data.
      neighborhood: (alert) => reference(alert.data?.['neighborhoodCode'], (code) => ({ code })),
      hospital: (alert) => reference(alert.data?.['hospitalId'], (id) => ({ id })),
    },
    AlertConnection: {
      totalCount: (connection, _args, ctx) =>
        (connection.unreadOnly ? ctx.loaders.unreadAlertCountByUserId : ctx.loaders.alertCountByUserId).load(connection.userId),
    },
  };
}

/** An entity reference from a key the alert's data holds, or null when the data names none (or something that is not a key). */
function reference<T>(key: unknown, toReference: (key: string) => T): T | null {
  return typeof key === 'string' && key !== '' ? toReference(key) : null;
}
