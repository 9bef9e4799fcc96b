import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createLogger, openDatabase } from '@petcare/service-kit';
import { loadSeedConfig } from './config.ts';
import { importHospitals } from './modules/hospital/hospital.importer.ts';
import { formatImportSummary } from './modules/hospital/import-report.ts';
import { database } from './database.ts';

/** The dump the seed loads when not told otherwise: the register as of 2023-07-01. */
const DEFAULT_FILE = join('hospitals', 'localdata-animal-hospitals-2023-07.csv');

const config = loadSeedConfig();
const log = createLogger('hospitals-seed', config.LOG_LEVEL);
const explicitFile = process.argv[2] ?? config.HOSPITALS_FILE;
const file = explicitFile ?? (config.DATA_DIR ? join(config.DATA_DIR, DEFAULT_FILE) : undefined);

if (!file) {
  console.log('No hospital data to load: run DATA_DIR=/path/to/shared/data npm run seed -w @petcare/hospitals (or pass a CSV path).');
  process.exit(0);
}
// Asked for data that is not there: a mistake to report, not an empty system to start.
if (!existsSync(file)) {
  log.error({ file: resolve(file), cwd: process.cwd() }, 'hospital CSV not found (a relative DATA_DIR or path is taken from the working directory)');
  process.exit(1);
}

// The same importer as `npm run import:hospitals`: re-seeding the same file on every start writes nothing.
const orm = await openDatabase({ url: config.DATABASE_URL, ...database, log });
try {
  const summary = await importHospitals(orm.em, file);
  log.info(
    { read: summary.read, inserted: summary.inserted, updated: summary.updated, unchanged: summary.unchanged, rejected: summary.rejected, delisted: summary.delisted },
    formatImportSummary(summary, 10).join('\n'),
  );
} catch (error) {
  log.error({ err: error, file }, 'hospital import failed; the previous data is unchanged');
  process.exitCode = 1;
} finally {
  await orm.close();
}
