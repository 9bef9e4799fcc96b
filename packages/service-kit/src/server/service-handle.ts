import type { MikroORM } from '@mikro-orm/postgresql';
import type { SubgraphServer } from './create-subgraph-server.ts';
import type { RunnableService } from './serve-until-signalled.ts';

/** Work a service runs beside its API (e.g. a CDC consumer). */
export interface BackgroundWork {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Fields for `GET /health` (a CDC consumer: running, lag); merged into the service's answer. */
  describe?(): Record<string, unknown>;
}

/** A built service: its server, its database, and what runs beside them; what `index.ts` and tests hold. */
export interface ServiceHandle extends RunnableService {
  orm: MikroORM;
  startBackground(): Promise<void>;
}

/**
 * Ties a service's parts together with one shutdown order — background work first, in the order given
 * (so nothing writes to a closing database), then the server, then the database. Null entries are work
 * switched off by configuration.
 */
export function serviceHandle(server: SubgraphServer, orm: MikroORM, ...backgroundWork: (BackgroundWork | null)[]): ServiceHandle {
  const background = backgroundWork.filter((w) => w !== null);
  return {
    server,
    orm,
    startBackground: async () => {
      for (const w of background) await w.start();
    },
    close: async () => {
      for (const w of background) await w.stop();
      await server.close();
      await orm.close();
    },
  };
}
