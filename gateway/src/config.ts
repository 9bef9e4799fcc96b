import { z } from 'zod';
import { configLoader, serviceConfigShape } from '@petcare/service-kit';
import { cdcConfigShape } from '@petcare/cdc-consumer';
import { supergraphPath } from '@petcare/schema';

const subgraphUrl = (port: number) => z.url({ protocol: /^https?$/ }).default(`http://127.0.0.1:${port}/graphql`);

const schema = z.object({
  /** Port the gateway listens on (0 picks a free one, for tests). */
  PORT: serviceConfigShape.PORT.default(4000),
  /** Host to bind; loopback by default so a dev machine exposes nothing. */
  HOST: serviceConfigShape.HOST,
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
  /** How long (ms) a caller-independent subgraph's answer is reused, e.g. a 행정동's hospitals; 0 shares only in-flight fetches. */
  SHARED_FETCH_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  /** The composed supergraph SDL to serve; defaults to the repo's committed schema/supergraph.graphql. */
  SUPERGRAPH_PATH: z.string().default(supergraphPath),
  /**
   * Kafka brokers, comma separated, where the gateway reads new alerts (the alerts database's CDC topic) for the
   * `alertAdded` subscription. Unset: HTTP works, and every subscription is refused with SERVICE_UNAVAILABLE.
   */
  KAFKA_BROKERS: cdcConfigShape.KAFKA_BROKERS,
  /** Prefix of the CDC topics and of the gateway's consumer group (see systemTopics); empty except in tests. */
  CDC_TOPIC_NAMESPACE: cdcConfigShape.CDC_TOPIC_NAMESPACE,
  /**
   * Alerts one subscription may have waiting to be sent; a client that falls this far behind (it stopped reading) is
   * closed with 1013 and resumes with `after`. Each waiting alert is a few dozen bytes (its key), not its payload.
   */
  SUBSCRIPTION_QUEUE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(100),
  /** Subscriptions one WebSocket connection may hold at once. */
  SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().min(1).max(100).default(10),
  /** pino log level. */
  LOG_LEVEL: serviceConfigShape.LOG_LEVEL,
  /**
   * `production` turns off what only developers need: the GraphiQL page (with its demo sign-in tab) and
   * introspection. Anything else is a development gateway.
   */
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
});

/** The gateway's configuration, validated once at start. */
export type GatewayConfig = z.infer<typeof schema>;

/** Parses the gateway's environment; throws a ConfigError naming each bad variable. */
export const loadConfig = configLoader(schema);
