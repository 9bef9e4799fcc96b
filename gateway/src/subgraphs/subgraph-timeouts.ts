import type { GatewayConfig } from '../config.ts';

/** How long the gateway waits for each subgraph's answer: SUBGRAPH_TIMEOUT_MS, or the subgraph's own setting. */
export function subgraphTimeouts(config: GatewayConfig): Record<string, number> {
  return {
    users: config.USERS_TIMEOUT_MS ?? config.SUBGRAPH_TIMEOUT_MS,
    neighborhoods: config.NEIGHBORHOODS_TIMEOUT_MS ?? config.SUBGRAPH_TIMEOUT_MS,
    hospitals: config.HOSPITALS_TIMEOUT_MS ?? config.SUBGRAPH_TIMEOUT_MS,
    alerts: config.ALERTS_TIMEOUT_MS ?? config.SUBGRAPH_TIMEOUT_MS,
  };
}
