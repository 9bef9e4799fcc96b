import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { answeringWorker } from './answering-worker.ts';
import type { ConnectClient } from './connect-client.ts';
import { connectSettings } from './connect-settings.ts';
import { connectorStatusLines } from './connector-status-lines.ts';
import { readConnectorFiles } from './connector-file.ts';
import { registerConnectors } from './register-connectors.ts';
import { checkRecordedPositions } from './recorded-positions.ts';
import { unregisterConnectors } from './unregister-connectors.ts';
import { ConnectorTimeoutError } from './wait-for-connector-running.ts';

// The connector half of cdc.sh (which keeps the processes): `cdc.sh register|unregister|status` run this
// on the project's Node. PostgreSQL is reached through PGHOST/PGPORT/PGUSER/PGPASSWORD, as psql would.
const usage = 'usage: cli.ts register [--restart] | unregister [name…] | status | check-positions';
const log = (line: string) => console.log(`[cdc] ${line}`);

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'register': {
      const { values } = parseArgs({ args: rest, options: { restart: { type: 'boolean', default: false } }, strict: true });
      const client = await readyWorker(command);
      await registerConnectors({
        client,
        files: readConnectorFiles(),
        restart: values.restart,
        timeoutMs: connectSettings.registerTimeoutMs,
        brokers: connectSettings.brokers,
        checkout: process.cwd(),
        log,
      });
      return;
    }
    case 'unregister': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true, strict: true });
      const client = await readyWorker(command);
      await unregisterConnectors({ client, files: readConnectorFiles(), names: positionals, log });
      return;
    }
    case 'check-positions': {
      // Run by `cdc.sh start` before Connect starts its connectors: afterwards a connector may already have
      // streamed from a position PostgreSQL no longer has, and recorded a new one.
      const checks = await checkRecordedPositions({
        brokers: connectSettings.brokers,
        offsetsTopic: `${process.env['CONNECT_GROUP_ID'] ?? 'petcare-connect'}-offsets`,
        files: readConnectorFiles(),
        log,
      });
      const count = (outcome: string) => checks.filter((c) => c.outcome === outcome).length;
      if (checks.every((c) => c.outcome === 'in-step' || c.outcome === 'new')) {
        log(`positions: ${count('in-step')} connector(s) in step with their replication slots, ${count('new')} without a position or slot yet`);
      }
      return;
    }
    case 'status':
      for (const line of await connectorStatusLines(await readyWorker(command))) log(`  ${line.replaceAll('\n', '\n[cdc]     ')}`);
      return;
    default:
      throw new Error(`unknown command '${command ?? ''}' (${usage})`);
  }
}

/** The first ready worker of the running Connect group (CONNECT_URLS), saying which when there is a choice. */
async function readyWorker(command: string): Promise<ConnectClient> {
  try {
    const { client, line } = await answeringWorker(connectSettings.connectUrls);
    if (line) log(line);
    return client;
  } catch (error) {
    throw new Error(`${command}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** The end of Connect's log, for a connector that never came up: the reason is usually there. */
function connectLogTail(lines = 40): string {
  const file = connectSettings.connectLog;
  if (!file || !existsSync(file)) return '';
  const tail = readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  return `[cdc] ---- last ${lines} lines of ${file} ----\n${tail}\n[cdc] ---- end of ${file} ----\n`;
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof ConnectorTimeoutError) process.stderr.write(connectLogTail());
  process.stderr.write(`[cdc] ERROR: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
