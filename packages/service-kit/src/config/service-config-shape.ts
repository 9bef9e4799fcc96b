import { z } from 'zod';

/**
 * The variables every subgraph reads. A service spreads this shape into its own zod object
 * and adds what only it needs.
 */
export const serviceConfigShape = {
  /** Port the subgraph listens on (0 picks a free one, for tests). */
  PORT: z.coerce.number().int().min(0).max(65535),
  /** Host to bind; loopback by default so a dev machine exposes nothing. */
  HOST: z.string().default('127.0.0.1'),
  /** PostgreSQL URL of the database this service owns, e.g. postgres://postgres@127.0.0.1:5432/petcare_users. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  /** Shared secret (≥ 32 chars) the gateway signs caller identity with; subgraphs reject requests not signed by it. */
  GATEWAY_SIGNING_SECRET: z.string().min(32, 'must be at least 32 characters'),
  /** pino log level. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
} as const;
