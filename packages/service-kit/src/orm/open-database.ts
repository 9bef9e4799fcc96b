import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Logger } from 'pino';

/**
 * A service's database as its code knows it: the entities and the committed migrations, in the order they apply.
 * Each service defines it once (`src/database.ts`), and its server, seed and tests all open it through that.
 */
export interface ServiceDatabase {
  entities: NonNullable<Options['entities']>;
  /** Migration classes in the order they apply; listed explicitly so tsx, vitest and a bundle all find them. */
  migrations: NonNullable<NonNullable<Options['migrations']>['migrationsList']>;
}

/** What a caller hands over to get a database: its URL, its definition and a logger. */
export interface DatabaseOptions extends ServiceDatabase {
  url: string;
  log: Logger;
  /** Extra pool size; the default suits one service process on a 2-core machine. */
  poolMax?: number;
}

/**
 * Opens the service's own database, creating it when missing, and applies pending committed migrations
 * before anything else touches it, so a service never serves a schema older than its code.
 */
export async function openDatabase(options: DatabaseOptions): Promise<MikroORM> {
  const orm = await MikroORM.init({
    clientUrl: options.url,
    entities: options.entities,
    extensions: [Migrator],
    ensureDatabase: true,
    pool: { min: 0, max: options.poolMax ?? 10 },
    migrations: {
      migrationsList: options.migrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    debug: false,
  });
  const applied = await orm.migrator.up();
  if (applied.length > 0) {
    options.log.info({ migrations: applied.map((m) => m.name) }, 'applied migrations');
  }
  return orm;
}

export type { MikroORM };
