import { unauthenticated } from '@petcare/service-kit';
import type { Resolvers } from '../../generated/graphql.ts';
import { User } from '../user/user.entity.ts';
import { requireUser } from '../user/user.resolvers.ts';
import { hashPassword, verifyPassword } from '../user/password.ts';
import { checkPassword } from '../user/user.validation.ts';
import { revokeAllOf, revokeFamilyOf, rotateRefreshToken } from './refresh-tokens.ts';
import { session, type SessionConfig } from './session.ts';

const REFUSED = {
  unknown: 'refresh token is not valid: sign in again',
  expired: 'refresh token expired or was revoked: sign in again',
  reused: 'refresh token was already used, so every token of this sign-in is revoked: sign in again',
} as const;

/** Refresh, sign-out and password-change resolvers: the life of a sign-in after it starts. */
export function sessionResolvers(config: SessionConfig): Resolvers {
  return {
    Mutation: {
      refreshAccessToken: async (_root, { refreshToken }, ctx) => {
        const rotation = await rotateRefreshToken(ctx.em, refreshToken, config.REFRESH_TOKEN_TTL_SECONDS);
        if ('refused' in rotation) {
          if (rotation.refused === 'reused') ctx.log.warn('a spent refresh token was presented again: its sign-in is revoked');
          throw unauthenticated(REFUSED[rotation.refused]);
        }
        const user = await ctx.em.findOne(User, { id: rotation.userId });
        if (!user) throw unauthenticated('your account no longer exists: sign in again');
        return session(ctx.em, config, user, rotation.next);
      },
      signOut: async (_root, { refreshToken }, ctx) => revokeFamilyOf(ctx.em, refreshToken),
      changePassword: async (_root, { input }, ctx) => {
        const user = await requireUser(ctx);
        if (!(await verifyPassword(input.currentPassword, user.passwordHash))) throw unauthenticated('input.currentPassword is wrong');
        user.passwordHash = await hashPassword(checkPassword('input.newPassword', input.newPassword));
        await ctx.em.flush();
        // Every other sign-in ends (a stolen refresh token included); this one starts afresh.
        await revokeAllOf(ctx.em, user.id);
        ctx.log.info({ userId: user.id }, 'password changed; every sign-in revoked');
        return session(ctx.em, config, user);
      },
    },
  };
}
