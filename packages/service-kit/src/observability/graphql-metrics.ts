import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type express from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** One process's Prometheus metrics: its registry, the Apollo plugin that feeds it, and the `/metrics` handler. */
export interface GraphqlMetrics {
  registry: Registry;
  plugin: ApolloServerPlugin<BaseContext>;
  handler: express.RequestHandler;
}

// Operation names become label values: long or odd ones are cut so a client cannot blow up the series count by much.
const label = (name: string | null | undefined) => (name ? name.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 64) : 'anonymous');

/**
 * Prometheus metrics of a GraphQL service (prom-client): the process's default metrics (CPU, memory, event-loop lag,
 * GC), `graphql_requests_total{operation, outcome}` (outcome `ok`, `errors` or `failed` when the HTTP status is ≥ 400)
 * and `graphql_request_duration_seconds{operation}`, every series labelled with `service`.
 */
export function graphqlMetrics(service: string): GraphqlMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL requests by operation and outcome',
    labelNames: ['operation', 'outcome'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Time from receiving a GraphQL request to sending its response',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const plugin: ApolloServerPlugin<BaseContext> = {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ response, operationName, errors }) {
          const operation = label(operationName);
          const body = response.body;
          const failed = (response.http.status ?? 200) >= 400;
          const hasErrors = body.kind === 'single' ? (body.singleResult.errors?.length ?? 0) > 0 : (errors?.length ?? 0) > 0;
          requests.inc({ operation, outcome: failed ? 'failed' : hasErrors ? 'errors' : 'ok' });
          duration.observe({ operation }, (performance.now() - started) / 1000);
        },
      };
    },
  };
  const handler: express.RequestHandler = async (_req, res) => {
    res.setHeader('content-type', registry.contentType);
    res.end(await registry.metrics());
  };
  return { registry, plugin, handler };
}
