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

/** The SDL this subgraph serves; also what `npm run compose` reads. */
export const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** A built alerts subgraph with its open database. */
export interface AlertsService {
  server: SubgraphServer;
  orm: MikroORM;
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
  return {
    server,
    orm,
    close: async () => {
      await server.close();
      await orm.close();
    },
  };
}
