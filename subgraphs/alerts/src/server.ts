import { buildSubgraphService, type Logger, type ServiceHandle } from '@petcare/service-kit';
import type { AlertsConfig } from './config.ts';
import { database } from './database.ts';
import { alertResolvers } from './modules/alert/alert.resolvers.ts';
import { userResolvers } from './modules/user/user.resolvers.ts';
import { createLoaders } from './loaders.ts';
import { buildCdcConsumer } from './cdc.ts';
import { buildPushDelivery } from './modules/push/push-delivery.ts';
import { pushResolvers } from './modules/push/push.resolvers.ts';

const schema = new URL('./schema.graphql', import.meta.url);

/** A built alerts subgraph with its open database, its push worker and its CDC consumer. */
export type AlertsService = ServiceHandle;

/** Opens the database (applying migrations) and builds the alerts subgraph, without listening. */
export function buildAlertsService(config: AlertsConfig, log: Logger): Promise<AlertsService> {
  const push = buildPushDelivery(config, log);
  const resolvers = [alertResolvers(), userResolvers(), pushResolvers()];
  const subgraph = { name: 'alerts', schema, database, resolvers, createLoaders, health: () => ({ push: push.status }) };
  // The push worker stops first: it finishes and records the batches it has in flight.
  return buildSubgraphService(subgraph, config, log, (orm) => [push.background, buildCdcConsumer(config, orm, log)]);
}
