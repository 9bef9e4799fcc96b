import type { Resolvers } from '../../generated/graphql.ts';
import { searchHospitalPage } from './hospital-search.repository.ts';
import { gramFrequencyCache } from './gram-frequency-cache.ts';
import { checkDistrict, checkNearPoint, checkSearchPageSize, checkSearchQuery, searchCursor } from './search.validation.ts';

/** searchHospitals: ranked partial-name search (see the SDL and hospital-search.repository.ts). */
export function searchResolvers(): Resolvers {
  // A minute: an import in another process re-analyses the table; until then searches only choose less well.
  const frequencies = gramFrequencyCache(60_000);
  return {
    Query: {
      searchHospitals: async (_root, args, ctx) => {
        const page = await searchHospitalPage(ctx.em, {
          terms: checkSearchQuery(args.query),
          district: checkDistrict(args.district),
          near: checkNearPoint(args.near),
          includeClosed: args.includeClosed === true,
          first: checkSearchPageSize(args.first),
          after: searchCursor.decode('after', args.after),
        }, await frequencies(ctx.em));
        return { hits: page.hits, hasNextPage: page.hasNextPage };
      },
    },
    HospitalSearchConnection: {
      edges: (page) => page.hits,
      pageInfo: (page) => {
        const last = page.hits.at(-1);
        return { hasNextPage: page.hasNextPage, endCursor: last ? searchCursor.encode(last.position) : null };
      },
    },
    HospitalSearchEdge: {
      cursor: (hit) => searchCursor.encode(hit.position),
      node: (hit) => hit.hospital,
    },
  };
}
