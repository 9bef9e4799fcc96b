import type { Resolvers } from '../../generated/graphql.ts';
import { checkPageSize } from '@petcare/service-kit';
import { NEIGHBORHOOD_PAGE } from '../hospital/hospital.validation.ts';

/** Neighborhood.hospitals: the hospitals inside a 행정동 whose boundary the neighborhoods service supplies. */
export function neighborhoodResolvers(): Resolvers {
  return {
    Neighborhood: {
      // Nothing to load: this service stores no neighbourhoods, it answers from the boundary it is handed.
      __resolveReference: (ref) => ({ code: ref.code, boundary: 'boundary' in ref ? ref.boundary : undefined }),
      hospitals: (neighborhood, args, ctx) =>
        ctx.loaders.hospitalsInNeighborhood.load({
          code: neighborhood.code,
          boundary: neighborhood.boundary,
          open24HoursOnly: args.open24HoursOnly === true,
          includeClosed: args.includeClosed === true,
          first: checkPageSize('first', args.first, NEIGHBORHOOD_PAGE),
        }),
    },
  };
}
