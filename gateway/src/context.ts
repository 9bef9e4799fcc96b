import type { Caller, Logger } from '@petcare/service-kit';

/**
 * What the gateway knows about one request: the verified caller (forwarded, signed, to subgraphs), its id (sent to
 * every subgraph fetch as `x-request-id` and on every log line) and its logger.
 */
export interface GatewayContext {
  caller: Caller;
  requestId: string;
  log: Logger;
}
