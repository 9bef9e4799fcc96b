import http from 'node:http';
import { hostname } from 'node:os';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import express from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloGateway } from '@apollo/gateway';
import type { GraphQLSchema } from 'graphql';
import { systemTopics } from '@petcare/cdc';
import { callerMiddleware, closeHttp, graphqlMetrics, listenHttp, REQUEST_ID_HEADER, requestIdFrom, type Caller, type Logger } from '@petcare/service-kit';
import type { GatewayConfig } from './config.ts';
import type { GatewayContext } from './context.ts';
import { AccessTokenError } from './identity/caller-from-authorization.ts';
import { ErasedAccounts } from './identity/erased-accounts.ts';
import { accountsReadyMiddleware } from './identity/accounts-ready-middleware.ts';
import { VerifiedTokens } from './identity/verified-tokens.ts';
import { TrustedDocuments } from './trusted-documents/trusted-documents.ts';
import { trustedDocumentsMiddleware } from './trusted-documents/trusted-documents-middleware.ts';
import { CallerSignatures } from './subgraphs/caller-signatures.ts';
import { SharedFetches } from './subgraphs/shared-fetches.ts';
import { postSubgraph } from './subgraphs/subgraph-http.ts';
import { SignedDataSource } from './subgraphs/signed-data-source.ts';
import { subgraphUrls } from './subgraphs/subgraph-urls.ts';
import { subgraphTimeouts } from './subgraphs/subgraph-timeouts.ts';
import { subgraphMetrics } from './subgraphs/subgraph-metrics.ts';
import { checkSubgraphs } from './health/check-subgraphs.ts';
import { graphiqlPage } from './graphiql/graphiql-page.ts';
import { queryLimitRules, withTokenLimitNamed, type QueryLimits } from './validation/query-limits.ts';
import { costLimitPlugin } from './validation/cost-limit-plugin.ts';
import { inputCheckPlugin } from './validation/input-check-plugin.ts';
import { requestLogPlugin } from './logging/request-log-plugin.ts';
import { identicalQueries } from './http/identical-queries.ts';
import { clientAddress } from './http/client-address.ts';
import { subscriptionsOverWebSocket } from './validation/subscriptions-over-websocket.ts';
import { AlertFeed } from './subscriptions/alert-feed.ts';
import { attachSubscriptionServer } from './subscriptions/subscription-server.ts';
import type { PlannedQuery } from './subscriptions/alert-subscription-plan.ts';

/** A built, not yet listening, gateway: tests call `listen(0)` and read the URL back. */
export interface Gateway {
  app: express.Express;
  httpServer: http.Server;
  /** How many alertAdded subscriptions this process is serving (listening to its alerts feed). */
  subscriptionCount(): number;
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Builds the gateway over the committed supergraph: verifies the app's bearer token, signs the caller for
 * every subgraph fetch, serves GraphiQL to browsers and `GET /health` for the four subgraphs, and serves the
 * `alertAdded` subscription over graphql-ws on the same port and path (see subscriptions/).
 */
export async function buildGateway(config: GatewayConfig, log: Logger): Promise<Gateway> {
  // @apollo/gateway otherwise starts exporting host metrics to Apollo's servers at construction. This system
  // reports nowhere (and has no internet), so the switch is forced rather than left to the environment.
  process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';

  const metrics = graphqlMetrics('gateway');
  const fetchMetrics = subgraphMetrics(metrics.registry);
  const urls = subgraphUrls(config);
  const tokens = new VerifiedTokens(config.ACCESS_TOKEN_SECRET);
  const signatures = new CallerSignatures(config.GATEWAY_SIGNING_SECRET);
  const shared = new SharedFetches(postSubgraph, { callerIndependent: new Set(config.CALLER_INDEPENDENT_SUBGRAPHS), ttlMs: config.SHARED_FETCH_TTL_MS });
  const timeouts = subgraphTimeouts(config);
  const limits: QueryLimits = {
    maxDepth: config.MAX_QUERY_DEPTH,
    maxAliases: config.MAX_QUERY_ALIASES,
    maxDirectives: config.MAX_QUERY_DIRECTIVES,
    maxTokens: config.MAX_QUERY_TOKENS,
    maxCost: config.MAX_QUERY_COST,
  };
  const validationRules = queryLimitRules(limits);
  const gateway = new ApolloGateway({
    // A static SDL: no uplink, no polling. A new supergraph ships as a commit and a restart.
    supergraphSdl: readFileSync(config.SUPERGRAPH_PATH, 'utf8'),
    logger: log.child({ component: 'apollo-gateway' }),
    buildService: ({ name }) => {
      const url = urls[name];
      if (!url) throw new Error(`the supergraph names a subgraph "${name}" that the gateway has no URL setting for`);
      return new SignedDataSource(name, url, signatures, shared, log, timeouts[name] ?? config.SUBGRAPH_TIMEOUT_MS, fetchMetrics);
    },
  });

  let apiSchema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate((loaded) => {
    apiSchema = loaded.apiSchema;
  });

  const app = express();
  app.disable('x-powered-by');
  // Express hashes every body it sends for an ETag; no client revalidates a GraphQL answer, and for the federation
  // benchmark's large answers the hash was 3% of the gateway's CPU. The GraphiQL page sets its own.
  app.set('etag', false);
  // req.ip (in log lines) follows the same rule as the caller's client address below.
  app.set('trust proxy', config.TRUST_PROXY);
  const httpServer = http.createServer(app);
  const feed = alertFeed(config, log);
  const erased = erasedAccounts(config, log);
  // Every bearer token is verified here, over HTTP and graphql-ws alike: signature and expiry, then whether its
  // account still exists.
  const verify = async (authorization: string | undefined) => {
    const verified = await tokens.verify(authorization);
    if (verified.caller.userId && erased?.has(verified.caller.userId)) throw new AccessTokenError('this account was deleted: sign up or sign in again');
    return verified;
  };

  const trusted = TrustedDocuments.load(config.TRUSTED_DOCUMENTS_PATH, (config.TRUSTED_DOCUMENTS ?? (config.NODE_ENV === 'production' ? 'required' : 'accepted')) === 'required');
  if (!trusted.required) log.warn({ registered: trusted.size }, 'trusted documents are not required: any operation text runs (development)');

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // With trusted documents required, nothing may register a new document: the manifest is the only source.
    persistedQueries: trusted.required ? false : {},
    logger: log.child({ component: 'apollo-server' }),
    includeStacktraceInErrorResponses: false,
    // GraphiQL and the app's codegen read the schema through it in development; production answers only the app.
    introspection: config.NODE_ENV !== 'production',
    validationRules,
    // graphql-js's parser stops counting at this many tokens: a huge document is refused before it is built.
    parseOptions: { maxTokens: limits.maxTokens },
    formatError: (formatted, error) => {
      // Subgraph errors carry serviceName and arrive already masked by their subgraph: pass them through as
      // written. An unexpected error of the gateway's own is logged with its stack and shown only as a code.
      const extensions = formatted.extensions ?? {};
      if (extensions['code'] === 'GRAPHQL_PARSE_FAILED') return withTokenLimitNamed(formatted);
      if (extensions['code'] !== 'INTERNAL_SERVER_ERROR' || 'serviceName' in extensions) return formatted;
      log.error({ err: error, path: formatted.path }, 'unexpected gateway error');
      return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    },
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Usage and schema reporting would send operations to Apollo Studio when APOLLO_KEY is set; never here.
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      // Apollo's landing page loads Sandbox from a CDN; browsers get the self-contained GraphiQL instead.
      ApolloServerPluginLandingPageDisabled(),
      requestLogPlugin(),
      metrics.plugin as ApolloServerPlugin<GatewayContext>,
      subscriptionsOverWebSocket(),
      costLimitPlugin(limits.maxCost),
      inputCheckPlugin(),
      {
        // Stopping Apollo (close(), or its own signal handlers) also ends the WebSocket side and the Kafka consumer.
        serverWillStart: async () => ({
          drainServer: async () => {
            await subscriptions.dispose();
            await feed?.stop();
            await erased?.stop();
          },
        }),
      },
    ],
  });
  await apollo.start();

  // Each live alert is resolved for the subscriber by a query through this same executor: the query planner and
  // SignedDataSource (with the subscriber as the signed caller) fetch fields across subgraphs as over HTTP.
  const execute = async (caller: Caller, { query, variables, operationName }: PlannedQuery) => {
    const response = await apollo.executeOperation({ query, variables, operationName }, { contextValue: { caller, requestId: randomUUID(), log } });
    if (response.body.kind !== 'single') throw new Error('the gateway answered a subscription\'s query incrementally; it never defers');
    return response.body.singleResult;
  };
  const subscriptions = attachSubscriptionServer({
    httpServer,
    path: '/graphql',
    schema: () => apiSchema,
    validationRules,
    limits,
    trusted,
    verify,
    feed,
    erasures: erased,
    execute,
    queueLimit: config.SUBSCRIPTION_QUEUE_LIMIT,
    perConnection: config.SUBSCRIPTIONS_PER_CONNECTION,
    log: log.child({ component: 'subscriptions' }),
    clientAddress: (request) => clientAddress(request, config.TRUST_PROXY),
  });
  feed?.start();
  erased?.start();

  app.get('/health', async (_req, res) => {
    const health = await checkSubgraphs(urls);
    if (health.status !== 'ok') log.warn({ subgraphs: health.subgraphs }, 'health check: a subgraph is down');
    res.status(health.status === 'ok' ? 200 : 503).json(health);
  });

  // Prometheus scrapes this (no authentication: expose it on a private network only, like /health).
  app.get('/metrics', metrics.handler);

  // The context of an operation, the same whether Apollo executes it or it waits for an identical one in flight. The
  // client's address rides in the signed caller, so a subgraph can limit per client (sign-in attempts); it is the
  // socket's peer unless TRUST_PROXY says how many proxies' X-Forwarded-For entries to believe.
  const contextFor = (req: express.Request, res: express.Response): GatewayContext => {
    const requestId = String(res.locals['requestId']);
    const caller = { ...(res.locals['caller'] as Caller), clientAddress: clientAddress(req, config.TRUST_PROXY) };
    return { caller, requestId, log: log.child({ requestId }) };
  };

  app.use(
    '/graphql',
    (req: express.Request, res: express.Response, next: express.NextFunction) => {
      // One id per client request: the client's own when it sends a usable one, echoed back for its bug reports.
      const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
      res.locals['requestId'] = requestId;
      res.setHeader(REQUEST_ID_HEADER, requestId);
      next();
    },
    ...(config.NODE_ENV === 'production' ? [] : [await graphiqlPage('/graphql')]),
    express.json({ limit: '1mb' }),
    trustedDocumentsMiddleware(trusted),
    accountsReadyMiddleware(() => erased?.caughtUp ?? true),
    callerMiddleware(
      async (header) => (await verify(header('authorization'))).caller,
      AccessTokenError,
      log,
      'rejected request with an unusable access token',
    ),
    identicalQueries(apollo, contextFor),
    expressMiddleware(apollo, { context: async ({ req, res }) => contextFor(req, res) }),
  );

  // Body-parser failures (oversized or non-JSON bodies) answer in GraphQL's error shape, not Express's HTML page.
  app.use((error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    const status = typeof error === 'object' && error !== null && 'status' in error ? Number(error.status) : 500;
    if (res.headersSent || status >= 500) return next(error);
    const message = status === 413 ? 'request body is larger than 1 MB' : 'request body is not valid JSON';
    res.status(status).json({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
  });

  return {
    app,
    httpServer,
    subscriptionCount: () => feed?.listenerCount ?? 0,
    listen: async (port, host) => {
      // Until the deleted accounts are read, signed-in requests are refused: waiting here first makes a normal start
      // refuse none, and a slow or absent broker delays listening by a bounded time only.
      if (erased && !(await erased.whenCaughtUp(config.DELETED_ACCOUNTS_WAIT_MS))) {
        log.warn(
          { waitedMs: config.DELETED_ACCOUNTS_WAIT_MS },
          'listening before the deleted accounts are read: requests with a bearer token get 503 until they are',
        );
      }
      return listenHttp(httpServer, port, host);
    },
    close: async () => {
      await apollo.stop();
      await closeHttp(httpServer);
    },
  };
}

/** A consumer group of this gateway process alone (host, pid and a random part): every gateway reads the whole topic. */
function processGroupId(config: GatewayConfig, name: string): string {
  const instance = `${hostname()}.${process.pid}.${randomBytes(3).toString('hex')}`;
  return systemTopics(config.CDC_TOPIC_NAMESPACE).consumer(`${name}.${instance}`).groupId;
}

/**
 * The process's live alerts feed, in a consumer group of its own (see processGroupId), or null without
 * KAFKA_BROKERS: then subscriptions are refused, which is said loudly at start.
 */
function alertFeed(config: GatewayConfig, log: Logger): AlertFeed | null {
  if (!config.KAFKA_BROKERS) {
    log.warn('KAFKA_BROKERS is not set: the gateway serves HTTP, but refuses every alertAdded subscription (no live alerts)');
    return null;
  }
  return new AlertFeed({
    brokers: config.KAFKA_BROKERS,
    topic: systemTopics(config.CDC_TOPIC_NAMESPACE).alerts,
    groupId: processGroupId(config, 'gateway'),
    log: log.child({ component: 'alert-feed' }),
  });
}

/**
 * The accounts deleted so far, read from the users topic (see ErasedAccounts), or null without KAFKA_BROKERS: then a
 * deleted account's token is honoured until it expires (the services still refuse to write for it), said at start.
 */
function erasedAccounts(config: GatewayConfig, log: Logger): ErasedAccounts | null {
  if (!config.KAFKA_BROKERS) {
    log.warn('KAFKA_BROKERS is not set: a deleted account\'s access token is honoured by the gateway until it expires');
    return null;
  }
  return new ErasedAccounts({
    brokers: config.KAFKA_BROKERS,
    topic: systemTopics(config.CDC_TOPIC_NAMESPACE).users,
    groupId: processGroupId(config, 'gateway-accounts'),
    log: log.child({ component: 'erased-accounts' }),
  });
}
