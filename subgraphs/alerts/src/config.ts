import { z } from 'zod';
import { configLoader, serviceConfigShape } from '@petcare/service-kit';
import { cdcConfigShape } from '@petcare/cdc-consumer';
import { pushConfigShape } from './modules/push/push-config-shape.ts';

const schema = z.object({
  ...serviceConfigShape,
  ...cdcConfigShape,
  ...pushConfigShape,
  PORT: serviceConfigShape.PORT.default(4004),
  /** The alerts database; defaults to the local development one. */
  DATABASE_URL: serviceConfigShape.DATABASE_URL.default('postgres://postgres@127.0.0.1:5432/petcare_alerts'),
});

// The seed only writes rows: it needs the database, not the gateway secret or a port.
const seedSchema = schema.pick({ DATABASE_URL: true, LOG_LEVEL: true });

/** The alerts service's configuration, validated once at start. */
export type AlertsConfig = z.infer<typeof schema>;

/** What `npm run seed` needs. */
export type AlertsSeedConfig = z.infer<typeof seedSchema>;

/** Parses the alerts service's environment; throws a ConfigError naming each bad variable. */
export const loadConfig = configLoader(schema);

/** Parses the seed's environment (a subset of the service's). */
export const loadSeedConfig = configLoader(seedSchema);
