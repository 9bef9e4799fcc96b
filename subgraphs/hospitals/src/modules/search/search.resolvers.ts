import type { Resolvers } from '../../generated/graphql.ts';
import { searchHospitalPage } from './hospital-search.repository.ts';
import { checkDistrict, checkNearPoint, checkSearchPageSize, checkSearchQuery, searchCursor } from './search.validation.ts';

/** searchHospitals: ranked partial-name search (see the SDL and hospital-search.repository.ts). */
export function searchResolvers(): Resolvers {
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
        });
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
