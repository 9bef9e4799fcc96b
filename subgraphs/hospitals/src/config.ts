import { z } from 'zod';
import { configLoader, serviceConfigShape } from '@petcare/service-kit';

const schema = z.object({
  ...serviceConfigShape,
  PORT: serviceConfigShape.PORT.default(4003),
});

// The seed talks only to the database, so it must not demand the server's port or the gateway's secret.
const seedSchema = z.object({
  DATABASE_URL: serviceConfigShape.DATABASE_URL,
  LOG_LEVEL: serviceConfigShape.LOG_LEVEL,
  /** Directory laid out like the shared public data (holding `hospitals/`); unset means "nothing to import". */
  DATA_DIR: z.string().min(1).optional(),
  /** A LOCALDATA 동물병원 CSV to import instead of `$DATA_DIR/hospitals/localdata-animal-hospitals-2023-07.csv`. */
  HOSPITALS_FILE: z.string().min(1).optional(),
});

/** The hospitals service's configuration, validated once at start. */
export type HospitalsConfig = z.infer<typeof schema>;

/** What `npm run seed -w @petcare/hospitals` reads. */
export type HospitalsSeedConfig = z.infer<typeof seedSchema>;

/** Parses the hospitals service's environment; throws a ConfigError naming each bad variable. */
export const loadConfig = configLoader(schema);

/** Parses the seed's environment; throws a ConfigError naming each bad variable. */
export const loadSeedConfig = configLoader(seedSchema);
