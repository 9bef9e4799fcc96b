import http from 'node:http';
import { register as promRegister } from 'prom-client';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { mergeResolvers } from '@graphql-tools/merge';
import { GraphQLError, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { CALLER_HEADER, CallerTokenError } from '../identity/caller-token.ts';
import { verifiedCallerTokens } from '../identity/verified-caller-tokens.ts';
import { ErrorCode } from '../errors/error-codes.ts';
import { graphqlRequestListener, isGraphqlPath } from './graphql-request-listener.ts';
import { scalarResolversFor } from '../graphql/scalar-resolvers.ts';
import type { SubgraphContext } from './subgraph-context.ts';
import { graphqlMetrics } from '../observability/graphql-metrics.ts';
import { REQUEST_ID_HEADER, requestIdFrom } from '../observability/request-id.ts';
import { requestIdSessionPlugin } from '../observability/request-id-session.ts';
import { closeHttp, listenHttp } from './listen-http.ts';

/** Everything a service supplies to become a subgraph. */
export interface SubgraphServerOptions<Loaders> {
  name: string;
  typeDefs: DocumentNode;
  /**
   * One resolver map per module, typed per service by GraphQL Code Generator (so taken structurally here).
   * Merged deeply: two modules may both add fields to Query, Mutation or an entity.
   */
  resolvers: readonly object[];
  orm: MikroORM;
  gatewaySigningSecret: string;
  log: Logger;
  /** Builds the per-request DataLoaders, so entity fields batch into one query per type per request. */
  createLoaders: (em: EntityManager) => Loaders;
  /** Extra fields for `GET /health`, e.g. whether background work is switched off by configuration. */
  health?: () => Record<string, unknown>;
  /** Extra routes (e.g. a WebSocket upgrade) mounted before GraphQL. */
  extend?: (app: express.Express, httpServer: http.Server) => void;
}

/** A built, not yet listening, subgraph: tests call `listen(0)` and read the URL back. */
export interface SubgraphServer {
  app: express.Express;
  httpServer: http.Server;
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

const codesWeShow = new Set<string>([...Object.values(ErrorCode), 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE']);

/**
 * Builds a Federation 2 subgraph with `GET /health` (Express 5), gateway-signature enforcement on `/graphql`
 * (node:http, see graphqlRequestListener) and masking of unexpected errors (they are logged with their stack, the caller gets a code).
 * The SDL's custom scalars get their graphql-scalars resolvers here, so no module registers them.
 */
export async function createSubgraphServer<Loaders>(options: SubgraphServerOptions<Loaders>): Promise<SubgraphServer> {
  const { log, orm } = options;
  const app = express();
  app.disable('x-powered-by');
  // No ETag (a hash of every answer): the gateway, the only caller, never revalidates a subgraph's answer.
  app.set('etag', false);
  // Express serves /health, /metrics and extra routes; /graphql, hit on every gateway fetch, goes around it.
  const httpServer = http.createServer();
  const metrics = graphqlMetrics(options.name);
  const resolvers = mergeResolvers([scalarResolversFor(options.typeDefs), ...options.resolvers] as GraphQLResolverMap[]);

  const apollo = new ApolloServer<SubgraphContext<Loaders>>({
    schema: buildSubgraphSchema([{ typeDefs: options.typeDefs, resolvers: resolvers as GraphQLResolverMap<SubgraphContext<Loaders>> }]),
    includeStacktraceInErrorResponses: false,
    // Inline traces only feed Apollo's hosted studio, which this system does not report to. Cache hints are computed
    // by a hook on every field (a fifth of a nearest-hospitals request's allocations) and read by nobody: no schema
    // declares @cacheControl and the gateway caches no subgraph answer. With neither, no field is wrapped.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      metrics.plugin,
      requestIdSessionPlugin<Loaders>(),
    ],
    formatError: (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
      const code = formatted.extensions?.['code'];
      if (typeof code === 'string' && codesWeShow.has(code)) return formatted;
      log.error({ err: unwrap(error), path: formatted.path }, 'unexpected resolver error');
      return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    },
  });
  await apollo.start();

  app.get('/health', async (_req, res) => {
    try {
      await orm.em.getConnection().execute('select 1');
      res.json({ status: 'ok', service: options.name, database: 'up', ...options.health?.() });
    } catch (error) {
      log.warn({ err: error }, 'health check: database unreachable');
      res.status(503).json({ status: 'degraded', service: options.name, database: 'down' });
    }
  });

  // Prometheus scrapes this; like /health it needs no gateway signature (bind to a private network in production).
  // The service's request metrics, then what prom-client's default registry holds (the CDC consumer's gauges).
  app.get('/metrics', async (_req, res) => {
    res.type(promRegister.contentType).send((await metrics.registry.metrics()) + (await promRegister.metrics()));
  });

  options.extend?.(app, httpServer);

  const verifyCaller = verifiedCallerTokens(options.gatewaySigningSecret);
  const graphql = graphqlRequestListener(apollo, {
    identify: (header) => verifyCaller(header(CALLER_HEADER)),
    Refusal: CallerTokenError,
    why: 'rejected request without a valid gateway signature',
    maxBodyBytes: 1024 * 1024,
    log,
    context: async (req, caller) => {
      const em = orm.em.fork() as EntityManager;
      // The gateway's id for the client request this fetch serves: every log line of it carries the id.
      const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
      return { caller, em, loaders: options.createLoaders(em), log: log.child({ requestId }), requestId };
    },
  });
  httpServer.on('request', (req, res) => (isGraphqlPath(req.url) ? graphql(req, res) : app(req, res)));

  return {
    app,
    httpServer,
    listen: (port, host) => listenHttp(httpServer, port, host),
    close: async () => {
      await apollo.stop();
      await closeHttp(httpServer);
    },
  };
}

function unwrap(error: unknown): unknown {
  return error instanceof GraphQLError && error.originalError ? error.originalError : error;
}
