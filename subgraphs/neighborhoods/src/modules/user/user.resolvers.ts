import type { Resolvers } from '../../generated/graphql.ts';
import { isVerificationActive } from '../neighborhood-verification/neighborhood-verification.status.ts';

/** The 동네인증 fields this subgraph contributes to the users service's User. */
export function userResolvers(): Resolvers {
  return {
    User: {
      // Nothing to load: this subgraph keeps no user row, only verifications keyed by the id, which the fields batch.
      __resolveReference: (ref) => ({ id: ref.id }),
      neighborhoods: (user, _args, ctx) => ctx.loaders.verificationsByUserId.load(user.id),
      neighborhoodVerification: async (user, _args, ctx) => (await ctx.loaders.verificationsByUserId.load(user.id)).find((v) => v.isPrimary) ?? null,
      neighborhood: async (user, _args, ctx) => {
        const primary = (await ctx.loaders.verificationsByUserId.load(user.id)).find((v) => v.isPrimary);
        if (!primary || !isVerificationActive(primary)) return null;
        return ctx.loaders.neighborhoodByCode.load(primary.neighborhood.code);
      },
    },
  };
}
