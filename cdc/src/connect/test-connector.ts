import { ConnectClient } from './connect-client.ts';
import { connectUrl } from './connect-settings.ts';
import { connectorTemplate } from './connector-file.ts';
import { SourceDatabase } from './source-database.ts';
import { waitForConnectorRunning } from './wait-for-connector-running.ts';

/** What a test connector captures: its own database, topic prefix, slot and publication. */
export interface TestConnector {
  name: string;
  /** Which cdc/connectors file to start from (default `users-cdc`). */
  template?: string;
  database: string;
  topicPrefix: string;
  /** Optional `table.include.list`, e.g. `public.item`. */
  tables?: string;
  /** Keys to set on top of the template; null removes a key (falls back to Debezium's default). */
  overrides?: Record<string, string | null>;
}

const client = () => new ConnectClient(connectUrl);
const slotOf = (connector: string) => connector.replace(/[^a-z0-9_]/g, '_');

/** Registers (or reconfigures) a connector from a cdc/connectors template and waits until it and its task run. */
export async function registerTestConnector(c: TestConnector, timeoutMs = 90_000): Promise<void> {
  const { name: _name, ...template } = connectorTemplate(c.template ?? 'users-cdc');
  const slot = slotOf(c.name);
  const config: Record<string, string> = {
    ...template,
    'database.dbname': c.database,
    'topic.prefix': c.topicPrefix,
    'slot.name': slot,
    'publication.name': slot,
    ...(c.tables ? { 'table.include.list': c.tables } : {}),
  };
  for (const [k, v] of Object.entries(c.overrides ?? {})) {
    if (v === null) delete config[k];
    else config[k] = v;
  }
  await client().putConfig(c.name, config);
  await waitForConnectorRunning(c.name, timeoutMs);
}

/** Deletes a connector from Connect (its slot stays: see removeTestConnector). */
export async function deleteConnector(name: string): Promise<void> {
  await client().delete(name);
}

/**
 * Deletes a test connector and drops its replication slot once released: an abandoned slot pins WAL on
 * the developer's server forever and blocks dropping the test database.
 * @param adminUrl a URL of the PostgreSQL server holding the test database (any database on it).
 */
export async function removeTestConnector(name: string, adminUrl: string): Promise<void> {
  await deleteConnector(name);
  await new SourceDatabase(new URL(adminUrl).pathname.slice(1) || 'postgres', adminUrl).dropSlot(slotOf(name));
}
