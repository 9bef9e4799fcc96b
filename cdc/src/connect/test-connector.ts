import { ConnectClient, type ConnectorConfig } from './connect-client.ts';
import { connectUrl } from './connect-settings.ts';
import { connectorTemplate } from './connector-file.ts';
import { SourceDatabase } from './source-database.ts';
import { waitForConnectorRunning } from './wait-for-connector-running.ts';

/**
 * What a test connector captures: its own database, topic prefix, slot and publication. A `topicPrefix` that ends
 * with the template's (`t1a2b3_hospitals` for `hospitals`) puts the connector in a topic namespace (`t1a2b3_`):
 * the topics an outbox router names (`route.topic.replacement`) get the same prefix, as every CDC topic does.
 */
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

const ROUTED_TOPIC = /^transforms\.[^.]+\.route\.topic\.replacement$/;

// A column list entry is `schema\.table\.column-pattern`: its table is the part before the second escaped dot.
const tableOf = (entry: string) => entry.split('\\.').slice(0, 2).join('.');

/**
 * A test that captures tables of its own keeps only the template's column-list entries for those tables: the users
 * template's include list names app_user and device columns, and would strip every column of any other table.
 */
function narrowColumnLists(config: Record<string, string>, tables: string): void {
  const own = new Set(tables.split(',').map((t) => t.trim().replaceAll('\\', '')));
  for (const key of ['column.include.list', 'column.exclude.list']) {
    if (config[key] === undefined) continue;
    const kept = config[key].split(',').filter((entry) => own.has(tableOf(entry)));
    if (kept.length > 0) config[key] = kept.join(',');
    else delete config[key];
  }
}

/** The config a test connector is registered with: the template, pointed at the test's database and topic namespace. */
export function testConnectorConfig(c: TestConnector, template: ConnectorConfig = connectorTemplate(c.template ?? 'users-cdc')): ConnectorConfig {
  const { name: _name, ...rest } = template;
  const slot = slotOf(c.name);
  const prefix = rest['topic.prefix'] ?? '';
  const namespace = prefix && c.topicPrefix.endsWith(prefix) ? c.topicPrefix.slice(0, -prefix.length) : '';
  const config: Record<string, string> = {
    ...rest,
    'database.dbname': c.database,
    'topic.prefix': c.topicPrefix,
    'slot.name': slot,
    'publication.name': slot,
    ...(c.tables ? { 'table.include.list': c.tables } : {}),
  };
  for (const key of Object.keys(config)) {
    if (ROUTED_TOPIC.test(key)) config[key] = `${namespace}${config[key]}`;
  }
  if (c.tables) narrowColumnLists(config, c.tables);
  for (const [k, v] of Object.entries(c.overrides ?? {})) {
    if (v === null) delete config[k];
    else config[k] = v;
  }
  return config;
}

/** Registers (or reconfigures) a connector from a cdc/connectors template and waits until it and its task run. */
export async function registerTestConnector(c: TestConnector, timeoutMs = 90_000): Promise<void> {
  await client().putConfig(c.name, testConnectorConfig(c));
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
