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
        // An FCM token identifies one app install: if another account signed in on this phone before,
        // the token now belongs to this user (upsert on the unique token).
        const existing = await ctx.em.findOne(Device, { token });
        if (existing) {
          existing.user = user;
          existing.platform = input.platform;
          existing.registeredAt = new Date();
          await ctx.em.flush();
          return existing;
        }
        const device = ctx.em.create(Device, { user, token, platform: input.platform });
        await ctx.em.flush();
        return device;
      },
      removeDevice: async (_root, { token }, ctx) => {
        const user = await requireUser(ctx);
        const removed = await ctx.em.nativeDelete(Device, { token, user: user.id });
        return removed > 0;
      },
    },
  };
}
