import { Counter, Histogram, type Registry } from 'prom-client';

/** Why a subgraph fetch gave the client no data of that subgraph: the `reason` label of subgraph errors. */
export type SubgraphFailure = 'timeout' | 'unavailable' | 'signature_refused';

/** Per-subgraph fetch metrics of the gateway. */
export interface SubgraphMetrics {
  /** Records one fetch: its duration, and its failure if it failed. */
  observe(subgraph: string, seconds: number, failure?: SubgraphFailure): void;
}

/** `gateway_subgraph_request_duration_seconds{subgraph}` and `gateway_subgraph_errors_total{subgraph, reason}` on `registry`. */
export function subgraphMetrics(registry: Registry): SubgraphMetrics {
  const duration = new Histogram({
    name: 'gateway_subgraph_request_duration_seconds',
    help: 'Time one subgraph fetch took, failed ones included',
    labelNames: ['subgraph'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'gateway_subgraph_errors_total',
    help: 'Subgraph fetches that answered no GraphQL result (timeout, down, signature refused)',
    labelNames: ['subgraph', 'reason'],
    registers: [registry],
  });
  return {
    observe(subgraph, seconds, failure) {
      duration.observe({ subgraph }, seconds);
      if (failure) errors.inc({ subgraph, reason: failure });
    },
  };
}
