import { buildSubgraphService, type Logger, type ServiceHandle } from '@petcare/service-kit';
import type { HospitalsConfig } from './config.ts';
import { database } from './database.ts';
import { hospitalResolvers } from './modules/hospital/hospital.resolvers.ts';
import { searchResolvers } from './modules/search/search.resolvers.ts';
import { curationResolvers } from './modules/curation/curation.resolvers.ts';
import { neighborhoodResolvers } from './modules/neighborhood/neighborhood.resolvers.ts';
import { createLoaders } from './loaders.ts';
import { buildCdcConsumer } from './cdc.ts';

const schema = new URL('./schema.graphql', import.meta.url);

/** A built hospitals subgraph with its open database and its CDC consumer. */
export type HospitalsService = ServiceHandle;

/** Opens the database (applying migrations) and builds the hospitals subgraph, without listening. */
export function buildHospitalsService(config: HospitalsConfig, log: Logger): Promise<HospitalsService> {
  const resolvers = [hospitalResolvers(), searchResolvers(), curationResolvers(), neighborhoodResolvers()];
  const subgraph = { name: 'hospitals', schema, database, resolvers, createLoaders };
  return buildSubgraphService(subgraph, config, log, (orm) => buildCdcConsumer(config, orm, log));
}
