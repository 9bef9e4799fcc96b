import { buildSubgraphService, type Logger, type ServiceHandle } from '@petcare/service-kit';
import type { UsersConfig } from './config.ts';
import { database } from './database.ts';
import { userResolvers } from './modules/user/user.resolvers.ts';
import { deviceResolvers } from './modules/device/device.resolvers.ts';
import { createLoaders } from './loaders.ts';
import { buildCdcConsumer } from './cdc.ts';

const schema = new URL('./schema.graphql', import.meta.url);

/** A built users subgraph with its open database and its CDC consumer. */
export type UsersService = ServiceHandle;

/** Opens the database (applying migrations) and builds the users subgraph, without listening. */
export function buildUsersService(config: UsersConfig, log: Logger): Promise<UsersService> {
  const resolvers = [userResolvers(config), deviceResolvers()];
  const subgraph = { name: 'users', schema, database, resolvers, createLoaders };
  return buildSubgraphService(subgraph, config, log, (orm) => buildCdcConsumer(config, orm, log));
}
