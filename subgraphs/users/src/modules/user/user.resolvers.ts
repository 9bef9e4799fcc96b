import { UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { conflict, isUuid, requireUserId, unauthenticated } from '@petcare/service-kit';
import type { Resolvers } from '../../generated/graphql.ts';
import type { UsersContext } from '../../context.ts';
import { session, type SessionConfig } from '../session/session.ts';
import { User } from './user.entity.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { checkDisplayName, checkPassword, normalizeEmail } from './user.validation.ts';
import type { SignInLimiter } from './sign-in-limiter.ts';

// Spent on unknown e-mails too, so response time does not reveal which addresses have accounts.
const decoyHash = hashPassword('not-a-real-password');

/** Returns the signed-in user's entity, to change it, or throws UNAUTHENTICATED. */
export async function requireUser(ctx: UsersContext): Promise<User> {
  const userId = requireUserId(ctx);
  const user = isUuid(userId) ? await ctx.em.findOne(User, { id: userId.toLowerCase() }) : null;
  if (!user) throw unauthenticated('your account no longer exists: sign in again');
  return user;
}

/** Account and sign-in resolvers. */
export function userResolvers(config: SessionConfig, limiter: SignInLimiter): Resolvers {

  return {
    Query: {
      me: async (_root, _args, ctx) => (ctx.caller.userId ? ctx.loaders.userById.load(ctx.caller.userId) : null),
    },
    Mutation: {
      signUp: async (_root, { input }, ctx) => {
        const email = normalizeEmail(input.email);
        const password = checkPassword('input.password', input.password);
        const displayName = checkDisplayName('input.displayName', input.displayName);
        const user = ctx.em.create(User, { email, displayName, passwordHash: await hashPassword(password) });
        try {
          await ctx.em.flush();
        } catch (error) {
          if (error instanceof UniqueConstraintViolationException) {
            throw conflict('input.email', 'an account with this e-mail already exists');
          }
          throw error;
        }
        ctx.log.info({ userId: user.id }, 'account created');
        return session(ctx.em, config, user);
      },
      signIn: async (_root, { input }, ctx) => {
        const email = normalizeEmail(input.email);
        // Refused before the password is looked at, the same for registered and unknown e-mails.
        await limiter.check(email, ctx.caller.clientAddress);
        const user = await ctx.em.findOne(User, { email });
        const ok = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash));
        if (!user || !ok) {
          await limiter.failed(email, ctx.caller.clientAddress);
          throw unauthenticated('e-mail or password is wrong');
        }
        await limiter.succeeded(email);
        return session(ctx.em, config, user);
      },
      updateProfile: async (_root, { input }, ctx) => {
        const user = await requireUser(ctx);
        if (input.displayName != null) user.displayName = checkDisplayName('input.displayName', input.displayName);
        await ctx.em.flush();
        return user;
      },
      deleteAccount: async (_root, _args, ctx) => {
        const user = await requireUser(ctx);
        // The FK cascades to devices inside the same statement; CDC carries both deletes to the copies.
        await ctx.em.nativeDelete(User, { id: user.id });
        ctx.log.info({ userId: user.id }, 'account deleted');
        return true;
      },
    },
    User: {
      __resolveReference: (ref, ctx) => ctx.loaders.userById.load(ref.id),
      devices: (user, _args, ctx) => ctx.loaders.devicesByUserId.load(user.id),
    },
  };
}
