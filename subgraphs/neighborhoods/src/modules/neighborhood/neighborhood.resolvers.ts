import { assertInKorea } from '@petcare/service-kit';
import type { Resolvers } from '../../generated/graphql.ts';
import { countNeighborhoods, findNeighborhoodAt, listDistricts, loadNeighborhoodPage } from './neighborhood.repository.ts';
import { checkDistrict, checkNeighborhoodCode, checkNeighborhoodPageSize, neighborhoodCursor } from './neighborhood.validation.ts';

/** Lookup and browsing of 행정동, and the Neighborhood entity's fields. */
export function neighborhoodResolvers(): Resolvers {
  return {
    Query: {
      neighborhoodAt: async (_root, { latitude, longitude }, ctx) => {
        assertInKorea(latitude, longitude);
        const found = await findNeighborhoodAt(ctx.em, latitude, longitude);
        if (found) ctx.loaders.neighborhoodByCode.prime(found.code, found);
        return found;
      },
      neighborhood: (_root, { code }, ctx) => ctx.loaders.neighborhoodByCode.load(checkNeighborhoodCode('code', code)),
      neighborhoods: (_root, args, ctx) =>
        loadNeighborhoodPage(ctx.em, {
          first: checkNeighborhoodPageSize('first', args.first),
          afterCode: neighborhoodCursor.decode('after', args.after),
          district: checkDistrict('district', args.district),
        }),
      districts: (_root, _args, ctx) => listDistricts(ctx.em),
    },
    Neighborhood: {
      __resolveReference: (ref, ctx) => ctx.loaders.neighborhoodByCode.load(ref.code),
      center: (n) => ({ latitude: n.centerLatitude, longitude: n.centerLongitude }),
      verifiedUserCount: (n, _args, ctx) => ctx.loaders.verifiedUserCountByCode.load(n.code),
      boundary: async (n, _args, ctx) => {
        const boundary = await ctx.loaders.boundaryByCode.load(n.code);
        if (boundary === null) throw new Error(`행정동 ${n.code} vanished between loading it and its boundary`);
        return boundary;
      },
    },
    NeighborhoodConnection: {
      edges: (page) => page.nodes.map((node) => ({ cursor: neighborhoodCursor.encode(node.code), node })),
      pageInfo: (page) => {
        const last = page.nodes[page.nodes.length - 1];
        return { hasNextPage: page.hasNextPage, endCursor: last ? neighborhoodCursor.encode(last.code) : null };
      },
      totalCount: (page, _args, ctx) => countNeighborhoods(ctx.em, page.district),
    },
  };
}
