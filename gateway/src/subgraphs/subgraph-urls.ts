import type { GatewayConfig } from '../config.ts';

/** Where each subgraph named in the supergraph listens, from config rather than the URLs composed into the file. */
export function subgraphUrls(config: GatewayConfig): Record<string, string> {
  return {
    ...config.SUBGRAPH_URLS,
    users: config.USERS_URL,
    neighborhoods: config.NEIGHBORHOODS_URL,
    hospitals: config.HOSPITALS_URL,
    alerts: config.ALERTS_URL,
  };
}
