import type { Resolvers } from '../../generated/graphql.ts';
import { isVerificationActive } from '../neighborhood-verification/neighborhood-verification.status.ts';

/** The 동네인증 fields this subgraph contributes to the users service's User. */
export function userResolvers(): Resolvers {
  return {
    User: {
      // Nothing to load: this subgraph keeps no user row, only verifications keyed by the id, which the fields batch.
      __resolveReference: (ref) => ({ id: ref.id }),
      neighborhoodVerification: (user, _args, ctx) => ctx.loaders.verificationByUserId.load(user.id),
      neighborhood: async (user, _args, ctx) => {
        const verification = await ctx.loaders.verificationByUserId.load(user.id);
        if (!verification || !isVerificationActive(verification)) return null;
        return ctx.loaders.neighborhoodByCode.load(verification.neighborhood.code);
      },
    },
  };
}
