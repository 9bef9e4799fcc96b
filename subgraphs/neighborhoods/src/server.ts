import { buildSubgraphService, type Logger, type ServiceHandle } from '@petcare/service-kit';
import type { NeighborhoodsConfig } from './config.ts';
import { database } from './database.ts';
import { neighborhoodResolvers } from './modules/neighborhood/neighborhood.resolvers.ts';
import { neighborhoodVerificationResolvers } from './modules/neighborhood-verification/neighborhood-verification.resolvers.ts';
import { userResolvers } from './modules/user/user.resolvers.ts';
import { createLoaders } from './loaders.ts';
import { buildCdcConsumer } from './cdc.ts';

const schema = new URL('./schema.graphql', import.meta.url);

/** A built neighborhoods subgraph with its open database and its CDC consumer. */
export type NeighborhoodsService = ServiceHandle;

/** Opens the database (applying migrations) and builds the neighborhoods subgraph, without listening. */
export function buildNeighborhoodsService(config: NeighborhoodsConfig, log: Logger): Promise<NeighborhoodsService> {
  const resolvers = [neighborhoodResolvers(), neighborhoodVerificationResolvers(config), userResolvers()];
  const subgraph = { name: 'neighborhoods', schema, database, resolvers, createLoaders };
  return buildSubgraphService(subgraph, config, log, (orm) => buildCdcConsumer(config, orm, log));
}
