import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { repoRoot, databaseUrl, stackLayout, type StackOptions, type SubgraphName } from '../scripts/stack/stack-layout.ts';
import { runSeeds } from '../scripts/stack/run-seeds.ts';
import { startStack, type RunningStack } from '../scripts/stack/start-stack.ts';
import { registerTestConnector, removeTestConnector, testBrokers } from '@petcare/cdc/connect';
import { readOperationFiles } from '@petcare/schema';

// Read and parsed once per test file, not on every operation sent.
const operationSources = new Map(readOperationFiles().map((o) => [o.file, o.source]));

/** The document the app sends for `schema/operations/<name>.graphql`, its shared fragments included. */
export function operationSource(name: string): string {
  const source = operationSources.get(`${name}.graphql`);
  if (source === undefined) throw new Error(`schema/operations/${name}.graphql does not exist`);
  return source;
}

/** A whole stack started for one e2e file, on its own ports and throwaway databases. */
export interface E2eStack {
  stack: RunningStack;
  options: StackOptions;
  /** Sends an operation from schema/operations by file name, as the app would. */
  op<T = any>(name: string, variables?: Record<string, unknown>, token?: string): Promise<{ status: number; data?: T; errors?: any[] }>;
  sql(service: SubgraphName, query: string, params?: unknown[]): Promise<any[]>;
  stop(): Promise<void>;
}

/** Where the public data is for e2e runs: DATA_DIR, else ../shared/data beside the checkout. */
export function e2eDataDir(): string {
  const dir = process.env['DATA_DIR'] ?? resolve(repoRoot, '../shared/data');
  if (!existsSync(dir)) throw new Error(`e2e tests need the public data: set DATA_DIR (tried ${dir})`);
  return dir;
}

/**
 * Seeds and starts the stack the way `npm start` does, on `basePort`, with its own databases, CDC
 * connectors and topic namespace (so it runs beside a developer's stack), all removed at stop.
 */
export async function startE2eStack(basePort: number): Promise<E2eStack> {
  const tag = randomBytes(3).toString('hex');
  const options: StackOptions = {
    secrets: {
      GATEWAY_SIGNING_SECRET: randomBytes(36).toString('base64url'),
      ACCESS_TOKEN_SECRET: randomBytes(36).toString('base64url'),
    },
    postgresUrl: process.env['POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432',
    basePort,
    databaseSuffix: `_e2e_${tag}`,
    kafkaBrokers: testBrokers.join(','),
    cdcNamespace: `e2e_${tag}_`,
    logLevel: 'warn',
  };
  await runSeeds(options, e2eDataDir());
  const connectors = (['users', 'neighborhoods', 'hospitals', 'alerts'] as const).map((service) => ({
    name: `e2e-${tag}-${service}-cdc`,
    template: `${service}-cdc`,
    database: new URL(databaseUrl(options, service)).pathname.slice(1),
    topicPrefix: `${options.cdcNamespace}${service}`,
  }));
  for (const c of connectors) await registerTestConnector(c);
  const stack = await startStack(options, 'quiet');
  const op: E2eStack['op'] = async (name, variables = {}, token) => {
    const query = operationSource(name);
    const res = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, ...((await res.json()) as object) };
  };
  const sql: E2eStack['sql'] = async (service, query, params = []) => {
    const client = new pg.Client({ connectionString: databaseUrl(options, service) });
    await client.connect();
    try {
      return (await client.query(query, params)).rows;
    } finally {
      await client.end();
    }
  };
  return {
    stack,
    options,
    op,
    sql,
    stop: async () => {
      await stack.stop();
      rmSync(stackLayout(options).timers.env['TIMERS_STATE_DIR']!, { recursive: true, force: true });
      for (const c of connectors) await removeTestConnector(c.name, `${options.postgresUrl}/postgres`);
      const admin = new pg.Client({ connectionString: `${options.postgresUrl}/postgres` });
      await admin.connect();
      try {
        for (const s of ['users', 'neighborhoods', 'hospitals', 'alerts'] as const) {
          await admin.query(`drop database if exists "${new URL(databaseUrl(options, s)).pathname.slice(1)}" with (force)`);
        }
      } finally {
        await admin.end();
      }
    },
  };
}
