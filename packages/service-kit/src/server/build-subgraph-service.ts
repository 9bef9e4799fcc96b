import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { openDatabase, type ServiceDatabase } from '../orm/open-database.ts';
import { createSubgraphServer } from './create-subgraph-server.ts';
import { serviceHandle, type BackgroundWork, type ServiceHandle } from './service-handle.ts';

/** A subgraph as a service defines it in its `src/server.ts`: everything but where it runs. */
export interface SubgraphDefinition<Loaders> {
  /** The subgraph's name in the supergraph; also its logger's and health check's. */
  name: string;
  /** The service's `src/schema.graphql`, the SDL it serves and `npm run compose` composes. */
  schema: URL;
  database: ServiceDatabase;
  /** One resolver map per module (`src/modules/<entity>/<entity>.resolvers.ts`), merged deeply. */
  resolvers: readonly object[];
  /** The request's DataLoaders, built on its forked EntityManager. */
  createLoaders: (em: EntityManager) => Loaders;
  /** Extra fields for `GET /health`, e.g. whether background work is switched off by configuration. */
  health?: () => Record<string, unknown>;
}

/** The part of every service's config the template reads. */
export interface SubgraphRuntime {
  DATABASE_URL: string;
  GATEWAY_SIGNING_SECRET: string;
}

/**
 * Work beside the API (a CDC consumer, a push worker), built once the database is open; null entries are work
 * switched off by configuration. Stopped in the order given, before the server and the database.
 */
export type BackgroundFactory = (orm: MikroORM) => BackgroundWork | null | (BackgroundWork | null)[];

/**
 * Opens the database (applying migrations) and builds the subgraph, without listening: what every service's
 * `build<Service>Service` does, written once. The result is what `index.ts` serves and tests hold.
 */
export async function buildSubgraphService<Loaders>(
  definition: SubgraphDefinition<Loaders>,
  config: SubgraphRuntime,
  log: Logger,
  background?: BackgroundFactory,
): Promise<ServiceHandle> {
  const orm = await openDatabase({ url: config.DATABASE_URL, ...definition.database, log });
  // The background work exists only once the server does (it needs the database first); /health reads it then.
  let work: (BackgroundWork | null)[] = [];
  const health = () => Object.assign({}, definition.health?.(), ...work.map((w) => w?.describe?.() ?? {})) as Record<string, unknown>;
  try {
    const server = await createSubgraphServer({
      name: definition.name,
      typeDefs: parse(readFileSync(definition.schema, 'utf8')),
      resolvers: definition.resolvers,
      orm,
      gatewaySigningSecret: config.GATEWAY_SIGNING_SECRET,
      log,
      createLoaders: definition.createLoaders,
      health,
    });
    work = [background?.(orm) ?? null].flat();
    return serviceHandle(server, orm, ...work);
  } catch (error) {
    await orm.close();
    throw error;
  }
}
