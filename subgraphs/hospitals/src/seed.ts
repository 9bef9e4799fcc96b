import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createLogger, openDatabase } from '@petcare/service-kit';
import { loadSeedConfig } from './config.ts';
import { importHospitals } from './modules/hospital/hospital.importer.ts';
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

const orm = await openDatabase({ url: config.DATABASE_URL, ...database, log });
try {
  const { problems, ...summary } = await importHospitals(orm.em, file);
  log.info(summary, `imported hospitals: ${summary.rowsRead} rows read, ${summary.upserted} upserted (${summary.inserted} new, ${summary.updated} changed, ${summary.unchanged} unchanged), ${summary.withoutCoordinates} without coordinates, ${summary.skipped} skipped, ${summary.seconds} s`);
  for (const problem of problems) log.warn(problem, `${problem.count} × ${problem.reason}`);
} catch (error) {
  log.error({ err: error, file }, 'hospital import failed; the previous data is unchanged');
  process.exitCode = 1;
} finally {
  await orm.close();
}
