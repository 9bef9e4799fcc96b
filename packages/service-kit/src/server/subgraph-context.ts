import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Caller } from '../identity/caller.ts';

/** What every resolver receives: the verified caller, a request-scoped EntityManager, the request's loaders. */
export interface SubgraphContext<Loaders = unknown> {
  caller: Caller;
  em: EntityManager;
  loaders: Loaders;
  log: Logger;
  /**
   * The id of the client request this call serves (the gateway's `x-request-id`). Writes that publish an event
   * store it beside the event, so the Kafka message carries it as its `requestId` header (cdc/README.md).
   */
  requestId: string;
}
