import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Caller } from '../identity/caller.ts';

/** What every resolver receives: the verified caller, a request-scoped EntityManager, the request's loaders. */
export interface SubgraphContext<Loaders = unknown> {
  caller: Caller;
  em: EntityManager;
  loaders: Loaders;
  log: Logger;
}
