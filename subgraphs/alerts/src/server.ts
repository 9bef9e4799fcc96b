import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { createSubgraphServer, openDatabase, type Logger, type SubgraphServer } from '@petcare/service-kit';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AlertsConfig } from './config.ts';
import { entities } from './entities.ts';
import { alertResolvers } from './modules/alert/alert.resolvers.ts';
import { userResolvers } from './modules/user/user.resolvers.ts';
import { migrations } from './migrations/index.ts';
import { createLoaders } from './loaders.ts';
import { buildCdcConsumer } from './cdc.ts';
import type { CdcConsumer } from '@petcare/cdc-consumer';

/** The SDL this subgraph serves; also what `npm run compose` reads. */
export const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** A built alerts subgraph with its open database. */
export interface AlertsService {
  server: SubgraphServer;
  orm: MikroORM;
  /** Keeps the device and 동네인증 copies in step; null when KAFKA_BROKERS is unset. */
  consumer: CdcConsumer | null;
  startBackground(): Promise<void>;
  close(): Promise<void>;
}

/** Opens the database (applying migrations) and builds the alerts subgraph, without listening. */
export async function buildAlertsService(config: AlertsConfig, log: Logger): Promise<AlertsService> {
  const orm = await openDatabase({ url: config.DATABASE_URL, entities, migrations, log });
  const server = await createSubgraphServer({
    name: 'alerts',
    typeDefs,
    resolvers: { ...alertResolvers(), ...userResolvers() },
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
