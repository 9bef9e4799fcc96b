import { buildSubgraphService, type Logger, type ServiceHandle } from '@petcare/service-kit';
import type { HospitalsConfig } from './config.ts';
import { database } from './database.ts';
import { hospitalResolvers } from './modules/hospital/hospital.resolvers.ts';
import { neighborhoodResolvers } from './modules/neighborhood/neighborhood.resolvers.ts';
import { createLoaders } from './loaders.ts';

const schema = new URL('./schema.graphql', import.meta.url);

/** A built hospitals subgraph with its open database. */
export type HospitalsService = ServiceHandle;

/** Opens the database (applying migrations) and builds the hospitals subgraph, without listening. */
export function buildHospitalsService(config: HospitalsConfig, log: Logger): Promise<HospitalsService> {
  const resolvers = [hospitalResolvers(), neighborhoodResolvers()];
  const subgraph = { name: 'hospitals', schema, database, resolvers, createLoaders };
  return buildSubgraphService(subgraph, config, log);
}
