import { z } from 'zod';
import { configLoader, serviceConfigShape } from '@petcare/service-kit';
import { cdcConfigShape } from '@petcare/cdc-consumer';

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/petcare_hospitals';

const schema = z.object({
  ...serviceConfigShape,
  ...cdcConfigShape,
  PORT: serviceConfigShape.PORT.default(4003),
  DATABASE_URL: serviceConfigShape.DATABASE_URL.default(DEFAULT_DATABASE_URL),
});

// The seed and `npm run import:hospitals` talk only to the database: no port, no gateway secret.
const seedSchema = z.object({
  DATABASE_URL: serviceConfigShape.DATABASE_URL.default(DEFAULT_DATABASE_URL),
  LOG_LEVEL: serviceConfigShape.LOG_LEVEL,
  /** Directory laid out like the shared public data (holding `hospitals/`); unset means "nothing to import". */
  DATA_DIR: z.string().min(1).optional(),
  /** A LOCALDATA 동물병원 CSV to import instead of `$DATA_DIR/hospitals/localdata-animal-hospitals-2023-07.csv`. */
  HOSPITALS_FILE: z.string().min(1).optional(),
});

/** The hospitals service's configuration, validated once at start. */
export type HospitalsConfig = z.infer<typeof schema>;

/** What `npm run seed -w @petcare/hospitals` and `npm run import:hospitals` read. */
export type HospitalsSeedConfig = z.infer<typeof seedSchema>;

/** Parses the hospitals service's environment; throws a ConfigError naming each bad variable. */
export const loadConfig = configLoader(schema);

/** Parses the seed's environment; throws a ConfigError naming each bad variable. */
export const loadSeedConfig = configLoader(seedSchema);
