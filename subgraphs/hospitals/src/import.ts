import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger, openDatabase } from '@petcare/service-kit';
import { loadSeedConfig } from './config.ts';
import { database } from './database.ts';
import { importHospitals } from './modules/hospital/hospital.importer.ts';
import { formatImportSummary, importCounts } from './modules/hospital/import-report.ts';

// `npm run import:hospitals -- <file> [--json] [--partial]`: imports a LOCALDATA 동물병원 export into the running
// system's hospitals database (DATABASE_URL), migrating it first as the seed does. Exit 0 when the file was
// imported (rejected rows included), 1 when nothing could be (unreadable path, not this dataset, database), 2 on usage.
const USAGE = `usage: npm run import:hospitals -- <file.csv> [--json] [--partial]
  --json     end with one JSON line: {"read":…,"inserted":…,"updated":…,"unchanged":…,"rejected":…,"delisted":…}
  --partial  the file is a partial export (변동분): update what it lists, delist nothing
  DATABASE_URL selects the hospitals database (default postgres://postgres@127.0.0.1:5432/petcare_hospitals)`;

/** The command line, or its usage on stderr and exit 2 (0 for --help). */
function readCommandLine(): { file: string; json: boolean; fullExport: boolean } {
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: { json: { type: 'boolean' }, partial: { type: 'boolean' }, help: { type: 'boolean' } },
    });
    if (values.help || positionals.length !== 1) {
      console.error(USAGE);
      process.exit(values.help ? 0 : 2);
    }
    // npm runs workspace scripts in the workspace's folder; a relative path is the operator's, from where they typed it.
    return { file: resolve(process.env['INIT_CWD'] ?? process.cwd(), positionals[0]!), json: values.json === true, fullExport: values.partial !== true };
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

const { file, json, fullExport } = readCommandLine();
const terminal = process.stderr.isTTY === true;

const config = loadSeedConfig();
const log = createLogger('hospitals-import', 'warn');
const orm = await openDatabase({ url: config.DATABASE_URL, ...database, log, poolMax: 2 });
try {
  const summary = await importHospitals(orm.em, file, {
    fullExport,
    onProgress: terminal
      ? ({ phase, read }) => process.stderr.write(`\r${phase === 'reading' ? 'reading' : 'writing'}… ${read.toLocaleString('en-US')} rows`)
      : undefined,
  });
  if (terminal) process.stderr.write('\r\x1b[K');
  console.log(formatImportSummary(summary).join('\n'));
  if (json) console.log(JSON.stringify(importCounts(summary)));
} catch (error) {
  if (terminal) process.stderr.write('\r\x1b[K');
  const message = error instanceof Error ? error.message : String(error);
  console.error(`import failed, nothing was written: ${message}`);
  if (json) console.log(JSON.stringify({ error: message }));
  process.exitCode = 1;
} finally {
  await orm.close();
}
