import { requireSelf } from '@petcare/service-kit';
import type { Resolvers } from '../../generated/graphql.ts';
import { loadAlertConnection } from '../alert/alert-connection.ts';

/** The alert fields this service adds to the users service's User; alerts are private, so only their owner reads them. */
export function userResolvers(): Resolvers {
  return {
    User: {
      // The users service owns the account; the id is all these fields need.
      __resolveReference: (ref) => ({ id: ref.id }),
      alerts: (user, args, ctx) => loadAlertConnection(ctx, requireSelf(ctx, user.id, 'alerts'), args),
      unreadAlertCount: (user, _args, ctx) => ctx.loaders.unreadAlertCountByUserId.load(requireSelf(ctx, user.id, 'alerts')),
    },
  };
}
