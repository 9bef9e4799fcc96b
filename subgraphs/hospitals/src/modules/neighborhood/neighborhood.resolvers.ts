import type { Resolvers } from '../../generated/graphql.ts';
import { checkPageSize } from '@petcare/service-kit';
import { NEIGHBORHOOD_PAGE } from '../hospital/hospital.validation.ts';

/**
 * Neighborhood.hospitals, answered from each hospital's 행정동 code, which this service keeps from its own copy of
 * the boundaries: no boundary travels through the gateway to list a neighbourhood's hospitals.
 */
export function neighborhoodResolvers(): Resolvers {
  return {
    Neighborhood: {
      // Nothing to load: any code is a valid reference; one this service does not know has no hospitals.
      __resolveReference: (ref) => ({ code: ref.code }),
      hospitals: (neighborhood, args, ctx) =>
        ctx.loaders.hospitalsInNeighborhood.load({
          code: neighborhood.code,
          open24HoursOnly: args.open24HoursOnly === true,
          includeClosed: args.includeClosed === true,
          first: checkPageSize('first', args.first, NEIGHBORHOOD_PAGE),
        }),
    },
  };
}
