import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** Kafka Connect's REST address (CONNECT_URL, default the local runtime's port). */
export const connectUrl = process.env['CONNECT_URL'] ?? 'http://127.0.0.1:8083';
/** Broker list for tests (KAFKA_BROKERS, comma separated). */
export const testBrokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');

const connectorsDir = fileURLToPath(new URL('../../../../cdc/connectors/', import.meta.url));

/** A connector config from cdc/connectors (the one source the scripts and docker-compose also use). */
export function connectorTemplate(name: string): Record<string, string> {
  return JSON.parse(readFileSync(`${connectorsDir}${name}.json`, 'utf8')) as Record<string, string>;
}

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

/** Registers (or reconfigures) a connector from the users template and waits until it and its task run. */
export async function registerTestConnector(c: TestConnector, timeoutMs = 90_000): Promise<void> {
  const { name: _name, ...template } = connectorTemplate(c.template ?? 'users-cdc');
  const slot = c.name.replace(/[^a-z0-9_]/g, '_');
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
  const res = await fetch(`${connectUrl}/connectors/${c.name}/config`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(config),
  });
  if (!res.ok) throw new Error(`registering ${c.name}: HTTP ${res.status} ${await res.text()}`);
  await waitForConnectorRunning(c.name, timeoutMs);
}

/** Waits until a connector and all its tasks report RUNNING; fails with the task's trace otherwise. */
export async function waitForConnectorRunning(name: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${connectUrl}/connectors/${name}/status`);
      if (res.ok) {
        const status = (await res.json()) as { connector: { state: string }; tasks: { state: string; trace?: string }[] };
        last = JSON.stringify(status).slice(0, 2000);
        const failed = status.tasks.find((t) => t.state === 'FAILED');
        if (failed) throw new Error(`connector ${name} task failed: ${failed.trace?.slice(0, 2000)}`);
        if (status.connector.state === 'RUNNING' && status.tasks.length > 0 && status.tasks.every((t) => t.state === 'RUNNING')) return;
      } else {
        last = `HTTP ${res.status}`;
      }
    } catch (error) {
      if (error instanceof Error && error.message.includes('task failed')) throw error;
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`connector ${name} not RUNNING after ${timeoutMs / 1000}s: ${last}`);
}

/** Deletes a connector from Connect (its slot stays: see removeTestConnector). */
export async function deleteConnector(name: string): Promise<void> {
  const res = await fetch(`${connectUrl}/connectors/${name}`, { method: 'DELETE' });
  if (!res.ok && res.status !== 404) throw new Error(`deleting ${name}: HTTP ${res.status} ${await res.text()}`);
}

/**
 * Deletes a test connector and drops its replication slot once released: an abandoned slot pins WAL on
 * the developer's server forever and blocks dropping the test database.
 */
export async function removeTestConnector(name: string, adminUrl: string): Promise<void> {
  await deleteConnector(name);
  const slot = name.replace(/[^a-z0-9_]/g, '_');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const { rowCount } = await admin.query('select 1 from pg_replication_slots where slot_name = $1 and active', [slot]);
      if (rowCount === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    await admin.query('select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = $1', [slot]);
  } finally {
    await admin.end();
  }
}
