import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import type { ConnectorConfig } from './connect-client.ts';
import { connectSettings } from './connect-settings.ts';

const fileSchema = z
  .record(z.string(), z.string({ error: 'must be a string (Connect configs are flat maps of strings)' }))
  .refine((c) => Boolean(c['name']), { message: '"name" is missing' })
  .refine((c) => Boolean(c['database.dbname']), { message: '"database.dbname" is missing' });

/** One connector file of cdc/connectors: the config as Connect gets it, and what the commands read from it. */
export interface ConnectorFile {
  path: string;
  name: string;
  database: string;
  /** Replication slot and publication, when the file names them (Debezium has shared defaults otherwise). */
  slot: string | undefined;
  publication: string | undefined;
  config: ConnectorConfig;
}

/**
 * A connector file's config for one checkout (PETCARE_INSTANCE): its database, replication slot and publication
 * carry the instance, so two checkouts on one PostgreSQL never read each other's databases or move each other's
 * slots on. Topics do not change: each checkout has its own Kafka.
 */
export function withInstance(config: ConnectorConfig, instance: string): ConnectorConfig {
  if (!instance) return config;
  const named = { ...config };
  if (named['database.dbname']) named['database.dbname'] = `${named['database.dbname']}_${instance}`;
  for (const key of ['slot.name', 'publication.name']) if (named[key]) named[key] = `${instance}_${named[key]}`;
  return named;
}

/** Reads and checks one connector file; a bad file fails naming the file and the key. */
export function readConnectorFile(path: string): ConnectorFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: not a JSON file (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`${path}: ${parsed.error.issues.map((i) => (i.path.length ? `"${i.path.join('.')}" ${i.message}` : i.message)).join('; ')}`);
  }
  const config = withInstance(parsed.data, connectSettings.instance);
  return {
    path,
    name: config['name']!,
    database: config['database.dbname']!,
    slot: config['slot.name'],
    publication: config['publication.name'],
    config,
  };
}

/** Every `*.json` of a folder (default cdc/connectors), in name order. */
export function readConnectorFiles(dir = connectSettings.connectorsDir): ConnectorFile[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readConnectorFile(join(dir, f)));
  if (files.length === 0) throw new Error(`no connector files (*.json) in ${dir}`);
  const byName = new Map<string, string>();
  for (const f of files) {
    const other = byName.get(f.name);
    if (other) throw new Error(`${basename(f.path)} and ${basename(other)} both name the connector "${f.name}"`);
    byName.set(f.name, f.path);
  }
  return files;
}

/** A connector config from cdc/connectors by file name (the one source the scripts and docker-compose use). */
export function connectorTemplate(name: string, dir = connectSettings.connectorsDir): ConnectorConfig {
  return readConnectorFile(join(dir, `${name}.json`)).config;
}
