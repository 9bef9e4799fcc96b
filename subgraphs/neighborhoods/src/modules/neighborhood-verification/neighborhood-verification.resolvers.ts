import { assertInKorea, badUserInput, requireUserId } from '@petcare/service-kit';
import type { Resolvers } from '../../generated/graphql.ts';
import type { NeighborhoodsConfig } from '../../config.ts';
import { findNeighborhoodAt } from '../neighborhood/neighborhood.repository.ts';
import { recordVerification } from './neighborhood-verification.repository.ts';
import { isVerificationActive } from './neighborhood-verification.status.ts';

/** 동네인증: recording a user's GPS proof, and the verification's fields. */
export function neighborhoodVerificationResolvers(config: Pick<NeighborhoodsConfig, 'VERIFICATION_DAYS'>): Resolvers {
  return {
    Mutation: {
      verifyNeighborhood: async (_root, { latitude, longitude }, ctx) => {
        const userId = requireUserId(ctx);
        assertInKorea(latitude, longitude);
        const neighborhood = await findNeighborhoodAt(ctx.em, latitude, longitude);
        if (!neighborhood) throw badUserInput('latitude', `no supported 행정동 contains this point (${latitude}, ${longitude})`);
        ctx.loaders.neighborhoodByCode.prime(neighborhood.code, neighborhood);
        const verification = await recordVerification(ctx.em, userId, neighborhood.code, config.VERIFICATION_DAYS);
        ctx.log.info({ userId, neighborhood: neighborhood.code }, '동네인증 recorded');
        return verification;
      },
    },
    NeighborhoodVerification: {
      neighborhood: async (v, _args, ctx) => {
        const neighborhood = await ctx.loaders.neighborhoodByCode.load(v.neighborhood.code);
        if (!neighborhood) throw new Error(`verification of ${v.userId} points at missing 행정동 ${v.neighborhood.code}`);
        return neighborhood;
      },
      isActive: (v) => isVerificationActive(v),
    },
  };
}
