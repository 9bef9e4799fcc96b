import { z } from 'zod';
import { configLoader, serviceConfigShape } from '@petcare/service-kit';
import { cdcConfigShape } from '@petcare/cdc-consumer';

const schema = z.object({
  ...serviceConfigShape,
  ...cdcConfigShape,
  PORT: serviceConfigShape.PORT.default(4002),
  DATABASE_URL: serviceConfigShape.DATABASE_URL.default('postgres://postgres@127.0.0.1:5432/petcare_neighborhoods'),
  /** How many days a 동네인증 lasts before the user has to prove their location again (default 30). */
  VERIFICATION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /**
   * The worst GPS accuracy (metres) accepted when the fix's accuracy circle reaches into another 행정동 (default
   * 100). A fix whose circle lies wholly inside the 행정동 verifies whatever its accuracy.
   */
  VERIFICATION_MAX_ACCURACY_METERS: z.coerce.number().positive().max(10_000).default(100),
  /** How many days before expiry a 동네인증 counts as expiring soon; the reminder app's lead (TIMERS_LEAD) should match (default 3). */
  VERIFICATION_REMINDER_DAYS: z.coerce.number().int().min(0).max(30).default(3),
  /** Directory holding `boundaries/` (laid out as the shared public data); only the seed reads it. Unset: the seed says how to set it. */
  DATA_DIR: z.string().optional(),
  /**
   * The 행정동 GeoJSON the seed loads, relative to DATA_DIR or absolute. Any vuski/admdongkor release
   * (Seoul split or nationwide) has the same properties, so a newer or wider file can be dropped in.
   */
  BOUNDARIES_FILE: z.string().min(1).default('boundaries/seoul-hangjeongdong-2021-04.geojson'),
});

// The seed runs outside the gateway, so it must not demand the serving secrets.
const seedSchema = schema.pick({ DATABASE_URL: true, LOG_LEVEL: true, VERIFICATION_DAYS: true, DATA_DIR: true, BOUNDARIES_FILE: true });

/** The neighborhoods service's configuration, validated once at start. */
export type NeighborhoodsConfig = z.infer<typeof schema>;

/** The part of the configuration the seed CLI reads. */
export type NeighborhoodsSeedConfig = z.infer<typeof seedSchema>;

/** Parses the neighborhoods service's environment; throws a ConfigError naming each bad variable. */
export const loadConfig = configLoader(schema);

/** Parses what the seed needs from the environment; throws a ConfigError naming each bad variable. */
export const loadSeedConfig = configLoader(seedSchema);
