/**
 * `npm run seed -w @petcare/alerts`: stores the demo account's alerts. Unlike the other services' seeds it
 * reads no public data, so it needs no DATA_DIR; only DATABASE_URL (defaulting to the local petcare_alerts).
 */
import { createLogger, openDatabase } from '@petcare/service-kit';
import { loadSeedConfig } from './config.ts';
import { database } from './database.ts';
import { seedDemoAlerts } from './modules/alert/demo-alerts.ts';

const config = loadSeedConfig();
const log = createLogger('alerts-seed', config.LOG_LEVEL);
const started = performance.now();
const orm = await openDatabase({ url: config.DATABASE_URL, ...database, log });
try {
  const { created, existing } = await seedDemoAlerts(orm.em.fork());
  const seconds = Number(((performance.now() - started) / 1000).toFixed(2));
  log.info({ created, existing, seconds }, 'seeded demo alerts (no DATA_DIR needed)');
} finally {
  await orm.close();
}
