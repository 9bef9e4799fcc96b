import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { createSubgraphServer, openDatabase, scalarResolvers, type Logger, serviceHandle, type ServiceHandle } from '@petcare/service-kit';
import type { NeighborhoodsConfig } from './config.ts';
import { Neighborhood } from './modules/neighborhood/neighborhood.entity.ts';
import { NeighborhoodVerification } from './modules/neighborhood-verification/neighborhood-verification.entity.ts';
import { neighborhoodResolvers } from './modules/neighborhood/neighborhood.resolvers.ts';
import { neighborhoodVerificationResolvers } from './modules/neighborhood-verification/neighborhood-verification.resolvers.ts';
import { userResolvers } from './modules/user/user.resolvers.ts';
import { migrations } from './migrations/index.ts';
import { createLoaders } from './loaders.ts';
import { buildCdcConsumer } from './cdc.ts';

/** The SDL this subgraph serves; also what `npm run compose` reads. */
export const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** Every entity of the neighborhoods database (the seed opens the database with the same list). */
export const entities = [Neighborhood, NeighborhoodVerification];

/** A built neighborhoods subgraph with its open database and its CDC consumer. */
export type NeighborhoodsService = ServiceHandle;

/** Opens the database (applying migrations) and builds the neighborhoods subgraph, without listening. */
export async function buildNeighborhoodsService(config: NeighborhoodsConfig, log: Logger): Promise<NeighborhoodsService> {
  const orm = await openDatabase({ url: config.DATABASE_URL, entities, migrations, log });
  const neighborhoods = neighborhoodResolvers();
  const verifications = neighborhoodVerificationResolvers(config);
  const server = await createSubgraphServer({
    name: 'neighborhoods',
    typeDefs,
    resolvers: { ...scalarResolvers('DateTime', 'Latitude', 'Longitude'), ...neighborhoods, ...verifications, ...userResolvers() },
    orm,
    gatewaySigningSecret: config.GATEWAY_SIGNING_SECRET,
    log,
    createLoaders,
  });
  return serviceHandle(server, orm, buildCdcConsumer(config, orm, log));
}
