import { assertInKorea, checkPageSize } from '@petcare/service-kit';
import type { Resolvers } from '../../generated/graphql.ts';
import { findHospitalsNear } from './hospital.repository.ts';
import { checkIntRange, checkNearAfter, nearCursor, NEAR_PAGE, NEAR_RADIUS } from './hospital.validation.ts';

/** Hospital lookups: by licence number, and near a point; the Hospital entity's fields. */
export function hospitalResolvers(): Resolvers {
  return {
    Query: {
      hospital: (_root, { id }, ctx) => ctx.loaders.hospitalById.load(id),
      hospitalsNear: async (_root, args, ctx) => {
        assertInKorea(args.latitude, args.longitude);
        // An explicit null is possible for an argument with a default; it means "the default" here.
        const radiusMeters = checkIntRange('radiusMeters', args.radiusMeters ?? NEAR_RADIUS.default, NEAR_RADIUS.min, NEAR_RADIUS.max);
        const first = checkPageSize('first', args.first, NEAR_PAGE);
        const after = checkNearAfter(args.after, args.latitude, args.longitude);
        const found = await findHospitalsNear(ctx.em, {
          latitude: args.latitude,
          longitude: args.longitude,
          radiusMeters,
          first,
          after,
          open24HoursOnly: args.open24HoursOnly === true,
          includeClosed: args.includeClosed === true,
        });
        return found.map((f) => ({
          ...f,
          cursor: nearCursor.encode({ latitude: args.latitude, longitude: args.longitude, distanceMeters: f.distanceMeters, id: f.hospital.id }),
        }));
      },
    },
    Hospital: {
      __resolveReference: (ref, ctx) => ctx.loaders.hospitalById.load(ref.id),
      location: (h) => (h.latitude == null || h.longitude == null ? null : { latitude: h.latitude, longitude: h.longitude }),
      open24HoursConfirmed: (h) => h.open24HoursSource === 'OPERATOR',
      open24HoursConfirmedAt: (h) => h.open24HoursReviewedAt ?? null,
      neighborhood: (h) => (h.neighborhoodCode ? { code: h.neighborhoodCode } : null),
    },
  };
}
