import type { ConnectClient } from './connect-client.ts';
import type { ConnectorFile } from './connector-file.ts';
import { SourceDatabase } from './source-database.ts';

/** What `unregister` removes. */
export interface UnregisterOptions {
  client: ConnectClient;
  /** The connector files, to find each connector's database, slot and publication. */
  files: ConnectorFile[];
  /** Connector names; empty: every connector file's. */
  names: string[];
  log: (line: string) => void;
  /** A URL of the PostgreSQL server the connectors read; unset: PGHOST, PGPORT, PGUSER, PGPASSWORD. */
  postgresUrl?: string;
}

/**
 * Removes connectors completely: stop, delete their stored source offsets (so a re-registration
 * snapshots again), delete, then drop their replication slot and publication if the database still
 * exists. Needed before DROP DATABASE: a database with a logical slot cannot be dropped.
 */
export async function unregisterConnectors(options: UnregisterOptions): Promise<void> {
  const { client, log } = options;
  const names = options.names.length ? options.names : options.files.map((f) => f.name);
  for (const name of names) {
    const file = options.files.find((f) => f.name === name);
    if (await client.status(name)) {
      await client.stop(name);
      await waitForStopped(client, name);
      try {
        await client.resetOffsets(name);
      } catch (error) {
        log(`WARNING: unregister: could not reset offsets of ${name} (${error instanceof Error ? error.message : String(error)})`);
      }
      await client.delete(name);
      await waitForGone(client, name);
      log(`unregister: ${name} stopped, offsets reset, deleted`);
    } else {
      log(`unregister: ${name} not registered`);
    }
    if (!file) {
      log(`unregister: ${name} has no file in cdc/connectors: its slot and publication, if any, are left alone`);
      continue;
    }
    const db = new SourceDatabase(file.database, options.postgresUrl);
    if (!(await db.exists())) continue;
    const dropped = [
      file.slot && (await db.dropSlot(file.slot)) ? `slot ${file.slot}` : undefined,
      file.publication && (await db.dropPublication(file.publication)) ? `publication ${file.publication}` : undefined,
    ].filter(Boolean);
    log(dropped.length ? `unregister: dropped ${dropped.join(' and ')} in ${file.database}` : `unregister: no slot or publication left in ${file.database}`);
  }
}

async function waitForStopped(client: ConnectClient, name: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await client.status(name))?.connector.state !== 'STOPPED') {
    if (Date.now() >= deadline) throw new Error(`unregister: ${name} did not reach STOPPED in ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

// Connect answers the DELETE before every worker has forgotten the connector: a status read right after can
// still show it UNASSIGNED. "Deleted" is said only once it is gone.
async function waitForGone(client: ConnectClient, name: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (await client.status(name)) {
    if (Date.now() >= deadline) throw new Error(`unregister: ${name} still listed by Connect ${timeoutMs / 1000}s after its delete`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
