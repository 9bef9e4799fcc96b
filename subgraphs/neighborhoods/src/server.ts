import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { createSubgraphServer, openDatabase, scalarResolvers, type Logger, type SubgraphServer } from '@petcare/service-kit';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { NeighborhoodsConfig } from './config.ts';
import { Neighborhood } from './modules/neighborhood/neighborhood.entity.ts';
import { NeighborhoodVerification } from './modules/neighborhood-verification/neighborhood-verification.entity.ts';
import { neighborhoodResolvers } from './modules/neighborhood/neighborhood.resolvers.ts';
import { neighborhoodVerificationResolvers } from './modules/neighborhood-verification/neighborhood-verification.resolvers.ts';
import { userResolvers } from './modules/user/user.resolvers.ts';
import { migrations } from './migrations/index.ts';
import { createLoaders } from './loaders.ts';
import { buildCdcConsumer } from './cdc.ts';
import type { CdcConsumer } from '@petcare/cdc-consumer';

/** The SDL this subgraph serves; also what `npm run compose` reads. */
export const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** Every entity of the neighborhoods database (the seed opens the database with the same list). */
export const entities = [Neighborhood, NeighborhoodVerification];

/** A built neighborhoods subgraph with its open database. */
export interface NeighborhoodsService {
  server: SubgraphServer;
  orm: MikroORM;
  /** Keeps the copy of users in step; null when KAFKA_BROKERS is unset. */
  consumer: CdcConsumer | null;
  startBackground(): Promise<void>;
  close(): Promise<void>;
}

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
  const consumer = buildCdcConsumer(config, orm, log);
  return {
    server,
    orm,
    consumer,
    startBackground: async () => {
      await consumer?.start();
    },
    close: async () => {
      await consumer?.stop();
      await server.close();
      await orm.close();
    },
  };
}
