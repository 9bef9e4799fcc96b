import { randomUUID } from 'node:crypto';
import { badUserInput } from '@petcare/service-kit';
import type { Resolvers } from '../../generated/graphql.ts';
import { requireUser } from '../user/user.resolvers.ts';
import { Device } from './device.entity.ts';

const TOKEN_MAX = 4096;

/** Device (FCM token) registration resolvers. */
export function deviceResolvers(): Resolvers {
  return {
    Mutation: {
      registerDevice: async (_root, { input }, ctx) => {
        const user = await requireUser(ctx);
        const token = input.token.trim();
        if (token.length === 0) throw badUserInput('input.token', 'must not be empty');
        if (token.length > TOKEN_MAX) throw badUserInput('input.token', `must be at most ${TOKEN_MAX} characters`);
        // An FCM token identifies one app install: if another account signed in on this phone before, the token now
        // belongs to this user. One INSERT … ON CONFLICT (token) DO UPDATE, so the same token registered by several
        // requests at once (an app retrying) is one device and every call succeeds, instead of one losing the race
        // between a lookup and an insert on the unique key.
        return ctx.em.upsert(
          Device,
          { id: randomUUID(), user, token, platform: input.platform, registeredAt: new Date() },
          { onConflictFields: ['token'], onConflictAction: 'merge', onConflictMergeFields: ['user', 'platform', 'registeredAt'] },
        );
      },
      removeDevice: async (_root, { token }, ctx) => {
        const user = await requireUser(ctx);
        const removed = await ctx.em.nativeDelete(Device, { token, user: user.id });
        return removed > 0;
      },
    },
  };
}
