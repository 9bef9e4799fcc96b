import { notFound, requireUserId } from '@petcare/service-kit';
import type { Resolvers } from '../../generated/graphql.ts';
import { loadAlertConnection } from './alert-connection.ts';
import { Alert } from './alert.entity.ts';
import { checkAlertId } from './alert.validation.ts';

/** Listing and marking the signed-in user's alerts. */
export function alertResolvers(): Resolvers {
  return {
    Query: {
      alerts: (_root, args, ctx) => loadAlertConnection(ctx, requireUserId(ctx), args),
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
    },
    AlertConnection: {
      totalCount: (connection, _args, ctx) =>
        (connection.unreadOnly ? ctx.loaders.unreadAlertCountByUserId : ctx.loaders.alertCountByUserId).load(connection.userId),
    },
  };
}
