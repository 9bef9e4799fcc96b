import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEMO_ACCOUNT } from '@petcare/service-kit/development';
import { localSecrets } from './stack/local-secrets.ts';
import { connectSettings, SourceDatabase } from '@petcare/cdc/connect';
import { databaseUrl, repoRoot, stackLayout, type StackOptions, type SubgraphName } from './stack/stack-layout.ts';
import { runSeeds } from './stack/run-seeds.ts';
import { startStack } from './stack/start-stack.ts';

// `npm start` (after scripts/start.sh has installed dependencies, prepared PostgreSQL and started Kafka and
// Connect and built the Kafka Streams app): seeds every service from DATA_DIR (default ../shared/data beside the
// checkout, if present), starts the verification-timers app, the four subgraphs and the gateway, registers the
// CDC connectors, prints where to open it, and stops everything, Kafka and Connect too, on Ctrl-C.
const defaultDataDir = resolve(repoRoot, '../shared/data');
const dataDir = process.env['DATA_DIR'] ? resolve(process.env['DATA_DIR']) : existsSync(defaultDataDir) ? defaultDataDir : undefined;
if (dataDir && !existsSync(dataDir)) {
  console.error(`DATA_DIR=${dataDir} does not exist: point it at the folder holding hospitals/ and boundaries/`);
  process.exit(1);
}

const options: StackOptions = {
  secrets: localSecrets(resolve(repoRoot, '.data/secrets.json')),
  postgresUrl: process.env['POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432',
  basePort: Number(process.env['GATEWAY_PORT'] ?? 4000),
  kafkaBrokers: process.env['KAFKA_BROKERS'] ?? `127.0.0.1:${process.env['KAFKA_PORT'] ?? 9092}`,
  logLevel: process.env['LOG_LEVEL'] ?? 'info',
  ...(connectSettings.instance ? { databaseSuffix: `_${connectSettings.instance}` } : {}),
};

// Before anything writes: databases another checkout on this machine holds are not this one's to seed, migrate or
// capture (PETCARE_INSTANCE gives a checkout names of its own).
for (const { name } of stackLayout(options).subgraphs) {
  const database = new URL(databaseUrl(options, name as SubgraphName)).pathname.slice(1);
  try {
    const previous = await new SourceDatabase(database, options.postgresUrl).claim(repoRoot);
    if (previous) console.log(`Database ${database} taken over from ${previous}, a checkout that no longer exists`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

if (dataDir) console.log(`Loading data from ${dataDir}`);
else console.log('No data directory (DATA_DIR unset and ../shared/data missing): starting empty. Load data with DATA_DIR=/path/to/data npm start');
await runSeeds(options, dataDir);
const stack = await startStack(options);
// Registered once every service has migrated its database at start (a seed with no data creates none):
// a connector's publication covers only tables that exist when it starts.
const cdc = (...args: string[]) => execFileSync('bash', [resolve(repoRoot, 'cdc/runtime/cdc.sh'), ...args], { stdio: 'inherit' });
try {
  cdc('register');
} catch (error) {
  await stack.stop();
  throw error;
}
console.log(`\n  petcare is up: open ${stack.gatewayUrl}\n  demo account: ${DEMO_ACCOUNT.email} / ${DEMO_ACCOUNT.password} · Ctrl-C stops everything\n`);

let stopping = false;
const stop = async (why: string, code: number) => {
  if (stopping) return;
  stopping = true;
  console.log(`\nStopping (${why})…`);
  await stack.stop();
  cdc('stop');
  console.log('Stopped.');
  process.exit(code);
};
process.on('SIGINT', () => void stop('Ctrl-C', 0));
process.on('SIGTERM', () => void stop('SIGTERM', 0));
void stack.crashed.then(({ name, code }) => stop(`${name} exited with code ${code}`, 1));
