import { z } from 'zod';
import { configLoader, serviceConfigShape } from '@petcare/service-kit';
import { cdcConfigShape } from '@petcare/cdc-consumer';

const schema = z.object({
  ...serviceConfigShape,
  ...cdcConfigShape,
  PORT: serviceConfigShape.PORT.default(4001),
  /** Secret (≥ 32 chars) the users service signs the app's bearer tokens with; the gateway verifies with the same one. */
  ACCESS_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters'),
  /** How long a bearer (access) token lasts, in seconds: short, the app renews it with its refresh token (default 15 min). */
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(15 * 60),
  /** How long a refresh token may wait to be used, in seconds (default 30 days, one 동네인증 period); each use renews it. */
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(30 * 24 * 3600),
  /** Failed sign-ins for one e-mail address within SIGN_IN_WINDOW_SECONDS before it is refused (TOO_MANY_REQUESTS). */
  SIGN_IN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  /** Failed sign-ins from one client address (any e-mail) within SIGN_IN_WINDOW_SECONDS before it is refused. */
  SIGN_IN_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(100),
  /** Window failed sign-ins are counted in, from the first; a used-up e-mail or address waits until it ends. */
  SIGN_IN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(15 * 60),
});

// `npm run operator` talks only to the database: no port, no secrets. Same default database as the stack's.
const operatorCliSchema = z.object({
  DATABASE_URL: serviceConfigShape.DATABASE_URL.default('postgres://postgres@127.0.0.1:5432/petcare_users'),
  LOG_LEVEL: serviceConfigShape.LOG_LEVEL.default('warn'),
});

/** The users service's configuration, validated once at start. */
export type UsersConfig = z.infer<typeof schema>;

/** What `npm run operator` reads. */
export type OperatorCliConfig = z.infer<typeof operatorCliSchema>;

/** Parses the operator tool's environment; throws a ConfigError naming each bad variable. */
export const loadOperatorCliConfig = configLoader(operatorCliSchema);

/** Parses the users service's environment; throws a ConfigError naming each bad variable. */
export const loadConfig = configLoader(schema);
