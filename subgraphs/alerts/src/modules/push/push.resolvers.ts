import { badUserInput, isUuid, requireRole, requireSelf, requireUserId } from '@petcare/service-kit';
import type { Resolvers } from '../../generated/graphql.ts';
import { getDeliveryProgress } from './delivery-progress.ts';
import { muteAlertKind, mutedAlertKinds, unmuteAlertKind } from './alert-mute.ts';
import { enqueuePush } from './push-request.ts';
import { checkSendAlert } from './push.validation.ts';

/** Operators sending alerts and following their delivery; users muting kinds of push. */
export function pushResolvers(): Resolvers {
  return {
    Query: {
      alertDelivery: async (_root, { id }, ctx) => {
        requireRole(ctx, 'OPERATOR');
        if (!isUuid(id)) throw badUserInput('id', 'must be a delivery id (a UUID)');
        return getDeliveryProgress(ctx.em, id.toLowerCase());
      },
    },
    Mutation: {
      sendAlert: async (_root, { input }, ctx) => {
        const operator = requireRole(ctx, 'OPERATOR');
        const request = checkSendAlert(input, operator);
        const { jobId, created } = await enqueuePush(ctx.em, request);
        ctx.log.info({ operator, jobId, created, audience: 'userIds' in request.audience ? 'users' : request.audience.neighborhoodCode }, 'operator alert queued');
        return (await getDeliveryProgress(ctx.em, jobId))!;
      },
      muteAlertKind: async (_root, { kind }, ctx) => {
        const userId = requireUserId(ctx);
        await muteAlertKind(ctx.em, userId, kind);
        return mutedAlertKinds(ctx.em, userId);
      },
      unmuteAlertKind: async (_root, { kind }, ctx) => {
        const userId = requireUserId(ctx);
        await unmuteAlertKind(ctx.em, userId, kind);
        return mutedAlertKinds(ctx.em, userId);
      },
    },
    AlertDelivery: {
      id: (delivery) => delivery.jobId,
    },
    User: {
      mutedAlertKinds: (user, _args, ctx) => mutedAlertKinds(ctx.em, requireSelf(ctx, user.id, 'muted alert kinds')),
    },
  };
}
