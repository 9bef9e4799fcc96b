import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { createSubgraphServer, openDatabase, type Logger, serviceHandle, type ServiceHandle } from '@petcare/service-kit';
import type { UsersConfig } from './config.ts';
import { User } from './modules/user/user.entity.ts';
import { Device } from './modules/device/device.entity.ts';
import { userResolvers } from './modules/user/user.resolvers.ts';
import { deviceResolvers } from './modules/device/device.resolvers.ts';
import { migrations } from './migrations/index.ts';
import { createLoaders } from './loaders.ts';

/** The SDL this subgraph serves; also what `npm run compose` reads. */
export const typeDefs = parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8'));

/** A built users subgraph with its open database. */
export type UsersService = ServiceHandle;

/** Opens the database (applying migrations) and builds the users subgraph, without listening. */
export async function buildUsersService(config: UsersConfig, log: Logger): Promise<UsersService> {
  const orm = await openDatabase({ url: config.DATABASE_URL, entities: [User, Device], migrations, log });
  const users = userResolvers(config);
  const devices = deviceResolvers();
  const server = await createSubgraphServer({
    name: 'users',
    typeDefs,
    resolvers: { ...users, Mutation: { ...users.Mutation, ...devices.Mutation } },
    orm,
    gatewaySigningSecret: config.GATEWAY_SIGNING_SECRET,
    log,
    createLoaders,
  });
  return serviceHandle(server, orm);
}
