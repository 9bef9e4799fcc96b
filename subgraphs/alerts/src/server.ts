import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { createSubgraphServer, openDatabase, type Logger, serviceHandle, type ServiceHandle } from '@petcare/service-kit';
import type { AlertsConfig } from './config.ts';
import { entities } from './entities.ts';
import { alertResolvers } from './modules/alert/alert.resolvers.ts';
import { userResolvers } from './modules/user/user.resolvers.ts';
import { migrations } from './migrations/index.ts';
import { createLoaders } from './loaders.ts';
import { buildCdcConsumer } from './cdc.ts';
import { buildPushDelivery } from './modules/push/push-delivery.ts';

/** The SDL this subgraph serves; also what `npm run compose` reads. */
export const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** A built alerts subgraph with its open database and its CDC consumer. */
export type AlertsService = ServiceHandle;

/** Opens the database (applying migrations) and builds the alerts subgraph, without listening. */
export async function buildAlertsService(config: AlertsConfig, log: Logger): Promise<AlertsService> {
  const orm = await openDatabase({ url: config.DATABASE_URL, entities, migrations, log });
  const push = buildPushDelivery(config, log);
  const server = await createSubgraphServer({
    name: 'alerts',
    typeDefs,
    resolvers: { ...alertResolvers(), ...userResolvers() },
    orm,
    gatewaySigningSecret: config.GATEWAY_SIGNING_SECRET,
    log,
    createLoaders,
    health: () => ({ push: push.status }),
  });
  // The push worker stops first: it finishes and records the batches it has in flight.
  return serviceHandle(server, orm, push.background, buildCdcConsumer(config, orm, log));
}
