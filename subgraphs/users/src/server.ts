import { buildSubgraphService, type Logger, type ServiceHandle } from '@petcare/service-kit';
import type { UsersConfig } from './config.ts';
import { database } from './database.ts';
import { userResolvers } from './modules/user/user.resolvers.ts';
import { SignInLimiter } from './modules/user/sign-in-limiter.ts';
import { sessionResolvers } from './modules/session/session.resolvers.ts';
import { deviceResolvers } from './modules/device/device.resolvers.ts';
import { createLoaders } from './loaders.ts';
import { buildCdcConsumer } from './cdc.ts';

const schema = new URL('./schema.graphql', import.meta.url);

/** A built users subgraph with its open database and its CDC consumer. */
export type UsersService = ServiceHandle;

/** Opens the database (applying migrations) and builds the users subgraph, without listening. */
export function buildUsersService(config: UsersConfig, log: Logger): Promise<UsersService> {
  const limiter = new SignInLimiter(config.DATABASE_URL, {
    perAccount: config.SIGN_IN_FAILURES_PER_ACCOUNT,
    perAddress: config.SIGN_IN_FAILURES_PER_ADDRESS,
    windowSeconds: config.SIGN_IN_WINDOW_SECONDS,
  }, log);
  const resolvers = [userResolvers(config, limiter), sessionResolvers(config), deviceResolvers()];
  const subgraph = { name: 'users', schema, database, resolvers, createLoaders };
  // The limiter's two connections close with the service's other background work.
  const limiterConnections = { start: async () => undefined, stop: () => limiter.close() };
  return buildSubgraphService(subgraph, config, log, (orm) => [buildCdcConsumer(config, orm, log), limiterConnections]);
}
