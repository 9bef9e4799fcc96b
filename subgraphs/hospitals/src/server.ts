import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { createSubgraphServer, openDatabase, type Logger, serviceHandle, type ServiceHandle } from '@petcare/service-kit';
import type { HospitalsConfig } from './config.ts';
import { Hospital } from './modules/hospital/hospital.entity.ts';
import { hospitalResolvers } from './modules/hospital/hospital.resolvers.ts';
import { neighborhoodResolvers } from './modules/neighborhood/neighborhood.resolvers.ts';
import { migrations } from './migrations/index.ts';
import { createLoaders } from './loaders.ts';

/** The SDL this subgraph serves; also what `npm run compose` reads. */
export const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** A built hospitals subgraph with its open database. */
export type HospitalsService = ServiceHandle;

/** Opens the database (applying migrations) and builds the hospitals subgraph, without listening. */
export async function buildHospitalsService(config: HospitalsConfig, log: Logger): Promise<HospitalsService> {
  const orm = await openDatabase({ url: config.DATABASE_URL, entities: [Hospital], migrations, log });
  const server = await createSubgraphServer({
    name: 'hospitals',
    typeDefs,
    resolvers: { ...hospitalResolvers(), ...neighborhoodResolvers() },
    orm,
    gatewaySigningSecret: config.GATEWAY_SIGNING_SECRET,
    log,
    createLoaders,
  });
  return serviceHandle(server, orm);
}
