import type { ConnectClient, ConnectorConfig } from './connect-client.ts';
import type { ConnectorFile } from './connector-file.ts';
import { SourceDatabase } from './source-database.ts';
import { waitForConnectorRunning } from './wait-for-connector-running.ts';
import { alignTopicSettings } from './topic-settings.ts';

/** What `register` does, and to what. */
export interface RegisterOptions {
  client: ConnectClient;
  files: ConnectorFile[];
  /** Restart connectors whose config is unchanged, so their publication picks up tables added since. */
  restart?: boolean;
  /** Per connector, to reach RUNNING. */
  timeoutMs: number;
  log: (line: string) => void;
  /** A URL of the PostgreSQL server the connectors read; unset: PGHOST, PGPORT, PGUSER, PGPASSWORD. */
  postgresUrl?: string;
  /** This checkout's folder: each database is claimed for it before its connector is registered (SourceDatabase.claim). */
  checkout?: string;
  /** Brokers whose existing topics get the settings the connector files declare (`topic.creation.*`); unset: not aligned. */
  brokers?: string[];
}

/**
 * Creates or updates each connector whose database exists and has a table to capture, and waits until it
 * runs. An unchanged config is not PUT again: Connect restarts a connector on every PUT, even an identical one.
 */
export async function registerConnectors(options: RegisterOptions): Promise<{ running: number; skipped: number }> {
  const { client, log } = options;
  let running = 0;
  let skipped = 0;
  for (const file of options.files) {
    const { name, database } = file;
    const db = new SourceDatabase(database, options.postgresUrl);
    if (!(await db.exists())) {
      log(`register: ${name} skipped (database ${database} does not exist)`);
      skipped++;
      continue;
    }
    if (options.checkout) {
      const previous = await db.claim(options.checkout);
      if (previous) log(`register: database ${database} taken over from ${previous}, a checkout that no longer exists`);
    }
    if ((await db.capturableTables()) === 0) {
      log(`register: ${name} skipped (database ${database} has no table to capture yet: run its migrations first)`);
      skipped++;
      continue;
    }
    const current = await client.config(name);
    if (current && sameConfig(current, file.config)) {
      if (options.restart) {
        await client.restart(name);
        log(`register: ${name} unchanged, restarted (publication re-synced with the current tables)`);
      } else {
        log(`register: ${name} unchanged (database ${database})`);
      }
    } else {
      const outcome = await client.putConfig(name, file.config);
      log(outcome === 'created' ? `register: ${name} created (database ${database})` : `register: ${name} config updated (database ${database}; connector restarted)`);
    }
    await waitForConnectorRunning(name, { client, timeoutMs: options.timeoutMs });
    log(`register: ${name} RUNNING`);
    if (options.brokers) {
      for (const { topic, changed } of await alignTopicSettings(options.brokers, file.config)) {
        log(`register: topic ${topic} settings aligned with ${name} (${Object.entries(changed).map(([k, v]) => `${k}=${v}`).join(', ')})`);
      }
    }
    running++;
  }
  log(`register: ${running} connector(s) running, ${skipped} skipped`);
  return { running, skipped };
}

function sameConfig(a: ConnectorConfig, b: ConnectorConfig): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}
