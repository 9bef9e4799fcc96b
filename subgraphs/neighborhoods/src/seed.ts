import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createLogger, openDatabase } from '@petcare/service-kit';
import { loadSeedConfig } from './config.ts';
import { database } from './database.ts';
import { importBoundaryFile } from './modules/neighborhood/neighborhood.importer.ts';
import { seedDemoVerification } from './modules/neighborhood-verification/neighborhood-verification.demo.ts';

const config = loadSeedConfig();
const log = createLogger('neighborhoods-seed', config.LOG_LEVEL);
const dataDir = config.DATA_DIR?.trim();

if (!dataDir || !existsSync(dataDir)) {
  const why = dataDir ? `DATA_DIR ${dataDir} does not exist` : 'DATA_DIR is not set';
  console.log(`neighborhoods: no 행정동 boundaries loaded (${why}); load them with: DATA_DIR=/path/to/shared/data npm run seed -w @petcare/neighborhoods`);
} else {
  const file = resolve(dataDir, config.BOUNDARIES_FILE);
  if (!existsSync(file)) {
    log.error({ file }, 'boundary file not found: check BOUNDARIES_FILE (relative to DATA_DIR, or absolute)');
    process.exitCode = 1;
  } else {
    const orm = await openDatabase({ url: config.DATABASE_URL, ...database, log });
    try {
      const started = performance.now();
      const report = await importBoundaryFile(orm.em.fork(), file);
      for (const { index, problem } of report.skipped) log.warn({ index, problem }, 'skipped a boundary feature');
      const demoVerified = await seedDemoVerification(orm.em.fork(), config.VERIFICATION_DAYS);
      const { skipped, ...counts } = report;
      log.info(
        { file, ...counts, skipped: skipped.length, demoVerified, seconds: Number(((performance.now() - started) / 1000).toFixed(2)) },
        'neighborhoods seeded',
      );
    } finally {
      await orm.close();
    }
  }
}
