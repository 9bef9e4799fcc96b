import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { CALLER_HEADER, signCallerToken } from '@petcare/service-kit';
import { registerTestConnector, removeTestConnector, testBrokers } from '@petcare/cdc/connect';
import { supergraphPath } from '@petcare/schema';
import { databaseUrl, repoRoot, stackLayout, type StackOptions, type SubgraphName } from '../../scripts/stack/stack-layout.ts';
import { runSeeds } from '../../scripts/stack/run-seeds.ts';
import { startBenchProcess, type BenchProcess } from '../lib/bench-process.ts';

/** A signed-in user of the benchmark: their id and the bearer token the app would hold. */
export interface BenchUser {
  id: string;
  token: string;
  neighborhoodCode: string;
}

/** Our four subgraphs on throwaway databases with the public data, and the users the load signs in as. */
export interface HomeScreenStack {
  options: StackOptions;
  /** The committed supergraph with this stack's subgraph URLs, for gateways that read URLs from it. */
  supergraphPath: string;
  /** The environment our gateway needs to serve this stack. */
  gatewayEnv: Record<string, string>;
  users: BenchUser[];
  subgraphs: BenchProcess[];
  stop(): Promise<void>;
}

const services: SubgraphName[] = ['users', 'neighborhoods', 'hospitals', 'alerts'];

async function sql<T>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

async function subgraphCall(url: string, secret: string, userId: string | null, query: string, variables: Record<string, unknown>): Promise<any> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CALLER_HEADER]: await signCallerToken(secret, { userId, roles: [] }) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(`${query.slice(0, 50)}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/**
 * Seeds four databases as `npm start` does (boundaries, the hospital register, the demo account), registers the CDC
 * connectors (hospitals learns the boundaries through them, as in production), starts the subgraphs, waits until
 * every hospital is tagged with its 행정동, then signs up `userCount` users and verifies each in a different 행정동
 * (those with 24-hour hospitals first, so the home screen has something to show) through the subgraphs' own API.
 */
export async function startHomeScreenStack(o: {
  basePort: number;
  dataDir: string;
  userCount: number;
  nodeArgs?: (name: string) => string[];
  /** Leave databases, connectors and users for the next run with keep (development: seeding takes minutes). */
  keep?: boolean;
}): Promise<HomeScreenStack> {
  const stateFile = join(benchDir, 'home-screen-stack.json');
  const saved = existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, 'utf8')) as { options: StackOptions; tag: string; users: BenchUser[] }) : null;
  // A stack kept by an earlier run and not wanted now goes: left, its four connectors would keep running in this
  // checkout's Connect, `npm start` included, beside the system's own.
  if (saved && !o.keep) {
    await removeStack(saved.tag, saved.options);
    rmSync(stateFile);
    console.log(`[gateway bench] removed the stack an earlier run kept (tag ${saved.tag}: its connectors, replication slots, databases and supergraph)`);
  }
  const kept = o.keep ? saved : null;
  const tag = kept?.tag ?? randomBytes(3).toString('hex');
  const options: StackOptions = kept?.options ?? {
    secrets: { GATEWAY_SIGNING_SECRET: randomBytes(36).toString('base64url'), ACCESS_TOKEN_SECRET: randomBytes(36).toString('base64url') },
    postgresUrl: process.env['POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432',
    basePort: o.basePort,
    databaseSuffix: `_bench_${tag}`,
    kafkaBrokers: testBrokers.join(','),
    cdcNamespace: `bench_${tag}_`,
    logLevel: 'warn',
  };
  const layout = stackLayout(options);
  const connectors = connectorsOf(tag, options);
  const subgraphs: BenchProcess[] = [];
  const stop = async () => {
    for (const s of subgraphs) await s.stop();
    if (!o.keep) await removeStack(tag, options);
  };
  try {
    if (!kept) {
      console.log('[gateway bench] seeding the four databases with the public data…');
      await runSeeds(options, o.dataDir);
      for (const c of connectors) await registerTestConnector(c);
    }
    for (const s of layout.subgraphs) {
      subgraphs.push(
        await startBenchProcess({
          name: s.name,
          entry: 'src/index.ts',
          cwd: s.dir,
          // A day's access tokens: the users' tokens outlive a long run and, with `keep`, the next runs (15 minutes, the
          // default, expired mid-run and turned every later answer into an error).
          env: s.name === 'users' ? { ...s.env, ACCESS_TOKEN_TTL_SECONDS: String(24 * 3600) } : s.env,
          nodeArgs: o.nodeArgs?.(s.name),
          ready: async () => (await fetch(s.healthUrl)).ok,
        }),
      );
    }
    const users = kept?.users ?? (await verifiedUsers(options, tag, o.userCount));
    mkdirSync(benchDir, { recursive: true });
    if (o.keep) writeFileSync(stateFile, JSON.stringify({ options, tag, users }));

    const path = supergraphFile(tag);
    let sdl = readFileSync(supergraphPath, 'utf8');
    for (const s of layout.subgraphs) sdl = sdl.replace(new RegExp(`(@join__graph\\(name: "${s.name}", url: ")[^"]*`), `$1http://127.0.0.1:${s.port}/graphql`);
    writeFileSync(path, sdl);
    return { options, supergraphPath: path, gatewayEnv: { ...layout.gateway.env, LOG_LEVEL: 'warn' }, users, subgraphs, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Where a stack's state file and supergraph live. */
const benchDir = join(repoRoot, '.data', 'bench');

/** The supergraph of the stack tagged `tag`, its subgraph URLs pointing at that stack's ports. */
function supergraphFile(tag: string): string {
  return join(benchDir, `supergraph-${tag}.graphql`);
}

/** The connectors of the stack tagged `tag`, one per service database. */
function connectorsOf(tag: string, options: StackOptions) {
  return services.map((service) => ({
    name: `bench-${tag}-${service}-cdc`,
    template: `${service}-cdc`,
    database: new URL(databaseUrl(options, service)).pathname.slice(1),
    topicPrefix: `${options.cdcNamespace}${service}`,
  }));
}

/** Removes the stack tagged `tag`: its connectors with their replication slots, its databases, its supergraph. */
async function removeStack(tag: string, options: StackOptions): Promise<void> {
  for (const c of connectorsOf(tag, options)) await removeTestConnector(c.name, `${options.postgresUrl}/postgres`).catch(() => undefined);
  for (const s of services) await sql(`${options.postgresUrl}/postgres`, `drop database if exists "${new URL(databaseUrl(options, s)).pathname.slice(1)}" with (force)`);
  rmSync(supergraphFile(tag), { force: true });
}

/** Waits until hospitals holds every boundary (through CDC), then signs up users and verifies each in a 행정동. */
async function verifiedUsers(options: StackOptions, tag: string, userCount: number): Promise<BenchUser[]> {
  const layout = stackLayout(options);
  const [neighborhoodsDb, hospitalsDb] = [databaseUrl(options, 'neighborhoods'), databaseUrl(options, 'hospitals')];
  const boundaries = (await sql<{ n: number }>(neighborhoodsDb, 'select count(*)::int n from neighborhood'))[0]?.n ?? 0;
  console.log(`[gateway bench] waiting for hospitals to copy ${boundaries} boundaries through CDC…`);
  for (let copied = 0; copied < boundaries; ) {
    await new Promise((r) => setTimeout(r, 1000));
    copied = (await sql<{ n: number }>(hospitalsDb, 'select count(*)::int n from neighborhood_copy'))[0]?.n ?? 0;
  }
  const withHospitals = await sql<{ code: string }>(hospitalsDb,
    `select neighborhood_code code from hospital where neighborhood_code is not null and listed and status_code = '01'
     group by 1 order by count(*) filter (where open_24_hours) desc, count(*) desc, 1`);
  const centres = new Map((await sql<{ code: string; lat: number; lon: number }>(neighborhoodsDb,
    'select code, center_latitude lat, center_longitude lon from neighborhood order by code')).map((r) => [r.code, r]));
  const codes = [...new Set([...withHospitals.map((r) => r.code), ...centres.keys()])].filter((c) => centres.has(c)).slice(0, userCount);
  if (codes.length < userCount) throw new Error(`only ${codes.length} 행정동 loaded; the benchmark needs ${userCount}`);

  const [usersUrl, neighborhoodsUrl] = [layout.subgraphs[0]!, layout.subgraphs[1]!].map((s) => `http://127.0.0.1:${s.port}/graphql`);
  const secret = options.secrets.GATEWAY_SIGNING_SECRET;
  const users: BenchUser[] = [];
  for (let i = 0; i < codes.length; i += 8) {
    users.push(...(await Promise.all(codes.slice(i, i + 8).map(async (code, j) => {
      const { signUp } = await subgraphCall(usersUrl!, secret, null, 'mutation ($i: SignUpInput!) { signUp(input: $i) { token user { id } } }',
        { i: { email: `bench-${tag}-${i + j}@example.com`, password: `bench-password-${tag}`, displayName: `이웃 ${i + j}` } });
      const centre = centres.get(code)!;
      await subgraphCall(neighborhoodsUrl!, secret, signUp.user.id, 'mutation ($a: Latitude!, $o: Longitude!) { verifyNeighborhood(latitude: $a, longitude: $o) { neighborhood { code } } }',
        { a: centre.lat, o: centre.lon });
      return { id: signUp.user.id as string, token: signUp.token as string, neighborhoodCode: code };
    }))));
  }

  return users;
}
