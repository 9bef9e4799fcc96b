import { z } from 'zod';
import { configLoader, serviceConfigShape } from '@petcare/service-kit';
import { cdcConfigShape } from '@petcare/cdc-consumer';
import { supergraphPath, trustedDocumentsPath } from '@petcare/schema';

const subgraphUrl = (port: number) => z.url({ protocol: /^https?$/ }).default(`http://127.0.0.1:${port}/graphql`);

const timeoutMs = z.coerce.number().int().min(50).max(120_000);

const schema = z.object({
  /** Port the gateway listens on (0 picks a free one, for tests). */
  PORT: serviceConfigShape.PORT.default(4000),
  /** Host to bind; loopback by default so a dev machine exposes nothing. */
  HOST: serviceConfigShape.HOST,
  /**
   * How many reverse proxies (load balancers) stand between the clients and the gateway, each appending to
   * X-Forwarded-For. 0 (the default): the header is ignored and the client address is the socket's peer, since any
   * client can write the header. With n, the client address is the one n hops back (see http/client-address.ts).
   * It keys the per-address sign-in limit: set it to exactly the number of proxies you run, never more.
   */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /** Secret (≥ 32 chars) the users service signs bearer tokens with; the gateway verifies the app's token with it. */
  ACCESS_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters'),
  /** Secret (≥ 32 chars) the gateway signs the caller identity with on every subgraph request; same value in every subgraph. */
  GATEWAY_SIGNING_SECRET: serviceConfigShape.GATEWAY_SIGNING_SECRET,
  /** GraphQL URL of the users subgraph; overrides the URL recorded in the supergraph. */
  USERS_URL: subgraphUrl(4001),
  /** GraphQL URL of the neighborhoods subgraph. */
  NEIGHBORHOODS_URL: subgraphUrl(4002),
  /** GraphQL URL of the hospitals subgraph. */
  HOSPITALS_URL: subgraphUrl(4003),
  /** GraphQL URL of the alerts subgraph. */
  ALERTS_URL: subgraphUrl(4004),
  /**
   * URLs of subgraphs of another supergraph than ours, as JSON {"name": "http://…"} (the gateway benchmark serves
   * the public federation benchmark's accounts/inventory/products/reviews through this gateway). Empty by default.
   */
  SUBGRAPH_URLS: z
    .string()
    .default('{}')
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON object of subgraph name to URL' });
        return z.NEVER;
      }
    })
    .pipe(z.record(z.string(), z.url({ protocol: /^https?$/ }))),
  /**
   * Subgraphs whose queries answer the same for every caller, comma separated: their identical query fetches are
   * shared between users (in flight, and for SHARED_FETCH_TTL_MS). hospitals qualifies: only its operator mutation
   * reads the caller. Never list a subgraph with a query that reads the caller (users, neighborhoods, alerts).
   */
  CALLER_INDEPENDENT_SUBGRAPHS: z
    .string()
    .default('hospitals')
    .transform((text) => text.split(',').map((s) => s.trim()).filter(Boolean)),
  /**
   * How long (ms) at most a caller-independent subgraph's answer is reused, e.g. a 행정동's hospitals; 0 shares only
   * in-flight fetches. Each answer expires at a moment of this cycle that its query picks, so answers fetched together
   * are not all fetched again together.
   */
  SHARED_FETCH_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  /**
   * How long the gateway waits for a subgraph's answer (ms) before its fields come back null with SERVICE_UNAVAILABLE
   * naming it; the rest of the operation is served. Each subgraph can have its own (`USERS_TIMEOUT_MS`, …).
   */
  SUBGRAPH_TIMEOUT_MS: timeoutMs.default(5000),
  /** USERS subgraph's timeout (ms); SUBGRAPH_TIMEOUT_MS when unset. */
  USERS_TIMEOUT_MS: timeoutMs.optional(),
  /** Neighborhoods subgraph's timeout (ms); SUBGRAPH_TIMEOUT_MS when unset. */
  NEIGHBORHOODS_TIMEOUT_MS: timeoutMs.optional(),
  /** Hospitals subgraph's timeout (ms); SUBGRAPH_TIMEOUT_MS when unset. */
  HOSPITALS_TIMEOUT_MS: timeoutMs.optional(),
  /** Alerts subgraph's timeout (ms); SUBGRAPH_TIMEOUT_MS when unset. */
  ALERTS_TIMEOUT_MS: timeoutMs.optional(),
  /** The composed supergraph SDL to serve; defaults to the repo's committed schema/supergraph.graphql. */
  SUPERGRAPH_PATH: z.string().default(supergraphPath),
  /**
   * Kafka brokers, comma separated, where the gateway reads new alerts (the alerts database's CDC topic) for the
   * `alertAdded` subscription. Unset: HTTP works, and every subscription is refused with SERVICE_UNAVAILABLE.
   */
  KAFKA_BROKERS: cdcConfigShape.KAFKA_BROKERS,
  /**
   * How long (ms) the gateway waits at start, before it listens, to read the deleted accounts (users topic) to the
   * end. Past it, it listens anyway (logged) and answers requests with a bearer token 503 SERVICE_UNAVAILABLE with
   * Retry-After until it has; anonymous requests are served. 0 listens at once.
   */
  DELETED_ACCOUNTS_WAIT_MS: z.coerce.number().int().min(0).max(300_000).default(10_000),
  /** Prefix of the CDC topics and of the gateway's consumer group (see systemTopics); empty except in tests. */
  CDC_TOPIC_NAMESPACE: cdcConfigShape.CDC_TOPIC_NAMESPACE,
  /**
   * Alerts one subscription may have waiting to be sent; a client that falls this far behind (it stopped reading) is
   * closed with 1013 and resumes with `after`. Each waiting alert is a few dozen bytes (its key), not its payload.
   */
  SUBSCRIPTION_QUEUE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(100),
  /** Subscriptions one WebSocket connection may hold at once. */
  SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().min(1).max(100).default(10),
  /** Deepest field nesting an operation may have; the app's deepest screen (HomeScreen) needs 5. */
  MAX_QUERY_DEPTH: z.coerce.number().int().min(1).max(100).default(12),
  /** Aliased fields one operation may use, counted through fragments; the app's operations use none. */
  MAX_QUERY_ALIASES: z.coerce.number().int().min(0).max(1000).default(15),
  /** Directives one operation may use (`@include`, `@skip`), counted through fragments. */
  MAX_QUERY_DIRECTIVES: z.coerce.number().int().min(0).max(1000).default(20),
  /** Lexical tokens one document may hold; GraphiQL's introspection query has about 300, the app's largest 60. */
  MAX_QUERY_TOKENS: z.coerce.number().int().min(100).max(100_000).default(2000),
  /**
   * Cost budget of one operation: each field 1, each spatial search (hospitalsNear, searchHospitals, neighborhoodAt,
   * Neighborhood.hospitals) 50 more, the fields under a list counted once per item its `first` allows.
   */
  MAX_QUERY_COST: z.coerce.number().int().min(1).default(5000),
  /** pino log level. */
  LOG_LEVEL: serviceConfigShape.LOG_LEVEL,
  /**
   * `production` turns off what only developers need: the GraphiQL page (with its demo sign-in tab) and
   * introspection. Anything else is a development gateway.
   */
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /**
   * `required`: only the app's registered operations run, sent by id (the default in production); `accepted`: ids are
   * resolved and any operation text runs too (the default otherwise).
   */
  TRUSTED_DOCUMENTS: z.enum(['required', 'accepted']).optional(),
  /** The manifest of registered operations; defaults to the repo's schema/trusted-documents.json. */
  TRUSTED_DOCUMENTS_PATH: z.string().default(trustedDocumentsPath),
});

// The placeholders of .env.example: fine for trying the gateway out, never for serving the app.
const PLACEHOLDER_SECRET = /change-?me/i;

/** A production gateway refuses to start with a placeholder secret, naming the variable (a missing one fails the schema). */
const productionSchema = schema.superRefine((config, ctx) => {
  if (config.NODE_ENV !== 'production') return;
  for (const name of ['ACCESS_TOKEN_SECRET', 'GATEWAY_SIGNING_SECRET'] as const) {
    if (PLACEHOLDER_SECRET.test(config[name]))
      ctx.addIssue({ code: 'custom', path: [name], message: 'is the placeholder of .env.example: set a secret of your own in production' });
  }
});

/** The gateway's configuration, validated once at start. */
export type GatewayConfig = z.infer<typeof productionSchema>;

/** Parses the gateway's environment; throws a ConfigError naming each bad variable. */
export const loadConfig = configLoader(productionSchema);
