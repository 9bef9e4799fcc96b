import type { Caller, Logger } from '@petcare/service-kit';

/** What the gateway knows about one request: the verified caller (forwarded, signed, to subgraphs) and its logger. */
export interface GatewayContext {
  caller: Caller;
  log: Logger;
}
