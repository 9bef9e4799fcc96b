import { assertInKorea, badUserInput, conflict, notFound, requireUserId, unauthenticated } from '@petcare/service-kit';
import { GraphQLError } from 'graphql';
import type { Resolvers } from '../../generated/graphql.ts';
import type { NeighborhoodsConfig } from '../../config.ts';
import { distanceToEdgeMeters, findNeighborhoodAt } from '../neighborhood/neighborhood.repository.ts';
import { checkNeighborhoodCode } from '../neighborhood/neighborhood.validation.ts';
import { MAX_NEIGHBORHOODS, makePrimary, recordVerification, removeVerification } from './neighborhood-verification.repository.ts';
import { isVerificationActive, verificationStatus } from './neighborhood-verification.status.ts';
import { checkAccuracy } from './neighborhood-verification.validation.ts';

type Settings = Pick<NeighborhoodsConfig, 'VERIFICATION_DAYS' | 'VERIFICATION_MAX_ACCURACY_METERS' | 'VERIFICATION_REMINDER_DAYS'>;

/** 동네인증: proving a 동네 by GPS, giving one up, choosing the primary one, and the verification's fields. */
export function neighborhoodVerificationResolvers(settings: Settings): Resolvers {
  return {
    Mutation: {
      verifyNeighborhood: async (_root, { latitude, longitude, accuracyMeters, makePrimary: primary }, ctx) => {
        const userId = requireUserId(ctx);
        assertInKorea(latitude, longitude);
        const accuracy = checkAccuracy('accuracyMeters', accuracyMeters);
        const neighborhood = await findNeighborhoodAt(ctx.em, latitude, longitude);
        if (!neighborhood) throw badUserInput('latitude', `no supported 행정동 contains this point (${latitude}, ${longitude})`);
        if (accuracy !== null && accuracy > settings.VERIFICATION_MAX_ACCURACY_METERS) {
          const edge = await distanceToEdgeMeters(ctx.em, neighborhood.code, latitude, longitude);
          if (accuracy > edge) {
            throw new GraphQLError(
              `accuracyMeters: your GPS fix (±${Math.round(accuracy)} m) reaches beyond ${neighborhood.name}; move outside or wait for a better GPS fix`,
              { extensions: { code: 'BAD_USER_INPUT', field: 'accuracyMeters', maxAccuracyMeters: settings.VERIFICATION_MAX_ACCURACY_METERS } },
            );
          }
        }
        ctx.loaders.neighborhoodByCode.prime(neighborhood.code, neighborhood);
        const result = await recordVerification(ctx.em, {
          userId,
          neighborhoodCode: neighborhood.code,
          days: settings.VERIFICATION_DAYS,
          accuracyMeters: accuracy,
          makePrimary: primary === true,
        });
        if ('refused' in result) {
          if (result.refused === 'erased') throw unauthenticated('your account no longer exists: sign in again');
          const error = conflict('latitude', `you already have ${MAX_NEIGHBORHOODS} 동네: give one up before verifying ${neighborhood.name}`);
          error.extensions['current'] = result.held.map((v) => ({ code: v.neighborhood.code, isPrimary: v.isPrimary, expiresAt: v.expiresAt.toISOString() }));
          throw error;
        }
        ctx.log.info({ userId, neighborhood: neighborhood.code, accuracyMeters: accuracy }, '동네인증 recorded');
        return result;
      },
      removeNeighborhoodVerification: async (_root, args, ctx) => {
        const userId = requireUserId(ctx);
        const code = checkNeighborhoodCode('code', args.code);
        const rest = await removeVerification(ctx.em, userId, code);
        if (!rest) throw notFound(`your 동네인증 in ${code}`, 'code');
        ctx.log.info({ userId, neighborhood: code }, '동네인증 given up');
        return rest;
      },
      setPrimaryNeighborhood: async (_root, args, ctx) => {
        const userId = requireUserId(ctx);
        const code = checkNeighborhoodCode('code', args.code);
        const chosen = await makePrimary(ctx.em, userId, code);
        if (!chosen) throw notFound(`your 동네인증 in ${code}`, 'code');
        return chosen;
      },
    },
    NeighborhoodVerification: {
      neighborhood: async (v, _args, ctx) => {
        const neighborhood = await ctx.loaders.neighborhoodByCode.load(v.neighborhood.code);
        if (!neighborhood) throw new Error(`verification of ${v.userId} points at missing 행정동 ${v.neighborhood.code}`);
        return neighborhood;
      },
      isActive: (v) => isVerificationActive(v),
      status: (v) => verificationStatus(v, settings.VERIFICATION_REMINDER_DAYS),
    },
  };
}
