import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeJwt } from 'jose';
import { readOperationFiles } from '@petcare/schema';
import { writeBenchReport, type BenchRow } from './lib/bench-report.ts';
import { benchmarkQuery } from './federation-benchmark/query.ts';
import { benchmarkSupergraph } from './federation-benchmark/supergraph.ts';
import { startHomeScreenStack } from './gateway/home-screen-stack.ts';
import { runLoad, type LoadRequest } from './gateway/load.ts';
import { GATEWAY_NODE_FLAGS } from '@petcare/gateway/node-flags';
import { answersGraphql, startBenchProcess, type BenchProcess } from './lib/bench-process.ts';

// `npm run bench -- gateway`: our gateway beside stock @apollo/gateway, Hive Gateway and Hive Gateway with its Rust
// query planner, one after another in one run, on the same subgraphs and supergraph, at 50 connections after a
// warm-up. Scenario "home screen": the app's HomeScreen operation against our four subgraphs with the public data
// and GATEWAY_BENCH_USERS users verified in different 행정동, each request with the next user's token. Scenario
// "federation benchmark": the public benchmark's four subgraphs and nested query. Every answer is checked against
// the expected one; an answer with another user's data fails the run (the table is still written). Beside req/s and
// latency: CPU milliseconds per request of the gateway and of the subgraphs together (from /proc, measured window
// only), steadier than req/s on a shared machine and where the other half of a home screen's cost lives.
// GATEWAY_BENCH_SECONDS / _WARMUP_SECONDS set the durations, GATEWAY_BENCH_SCENARIOS (home,public) and
// GATEWAY_BENCH_SUBJECTS (names, comma separated) narrow a run, GATEWAY_BENCH_CPU_PROF=<dir> profiles our gateway
// and our subgraphs (--cpu-prof), GATEWAY_BENCH_KEEP_STACK=1 keeps the home screen's databases and users for the next
// run with it (seeding takes minutes; for development only); a run without it removes a kept stack first.
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const env = process.env;
const SECONDS = Number(env['GATEWAY_BENCH_SECONDS'] ?? 30);
const WARMUP_SECONDS = Number(env['GATEWAY_BENCH_WARMUP_SECONDS'] ?? 10);
const CONNECTIONS = Number(env['GATEWAY_BENCH_CONNECTIONS'] ?? 50);
const USERS = Number(env['GATEWAY_BENCH_USERS'] ?? 200);
const SCENARIOS = (env['GATEWAY_BENCH_SCENARIOS'] ?? 'home,public').split(',');
const CPU_PROF_DIR = env['GATEWAY_BENCH_CPU_PROF'];
const dataDir = env['DATA_DIR'] ?? join(repoRoot, '../shared/data');
// Ports: the subgraphs of the home screen take BASE+1..4, the benchmark's subgraphs BASE+200, gateways BASE+100+i.
const BASE_PORT = Number(env['GATEWAY_BENCH_BASE_PORT'] ?? 63000);

const cpuProf = (name: string) => (CPU_PROF_DIR ? ['--cpu-prof', '--cpu-prof-dir', join(CPU_PROF_DIR, name)] : []);

interface Subject {
  name: string;
  start(port: number): Promise<BenchProcess>;
}

function subjects(supergraphPath: string, oursEnv: Record<string, string>, peerEnv: Record<string, string>): Subject[] {
  const gatewayAt = (port: number) => `http://127.0.0.1:${port}/graphql`;
  const start = (name: string, entry: string, cwd: string, extra: Record<string, string>, nodeArgs: string[] = []) => (port: number) =>
    startBenchProcess({ name, entry, cwd, nodeArgs, env: { SUPERGRAPH_PATH: supergraphPath, ...extra, PORT: String(port) }, ready: () => answersGraphql(gatewayAt(port)) });
  const all: Subject[] = [
    { name: '@apollo/gateway', start: start('@apollo/gateway', 'bench/gateway/apollo-stock-gateway.ts', repoRoot, peerEnv) },
    // Production mode, but accepting operation text: every gateway then gets the very same request bodies (the
    // peers know no trusted documents; an id only swaps in the registered text before the same execution).
    { name: 'ours', start: start('ours', 'src/index.ts', join(repoRoot, 'gateway'), { ...oursEnv, NODE_ENV: 'production', TRUSTED_DOCUMENTS: 'accepted' }, [...GATEWAY_NODE_FLAGS, ...cpuProf('gateway')]) },
    { name: 'Hive Gateway', start: start('Hive Gateway', 'bench/gateway/hive-gateway.ts', repoRoot, peerEnv) },
    { name: 'Hive Gateway + Rust planner', start: start('Hive Gateway + Rust planner', 'bench/gateway/hive-gateway.ts', repoRoot, { ...peerEnv, HIVE_ROUTER_RUNTIME: '1' }) },
  ];
  const asked = env['GATEWAY_BENCH_SUBJECTS']?.split(',');
  // The stock gateway always runs first: its answers are the expected ones the others are held to.
  return all.filter((s, i) => i === 0 || !asked || asked.includes(s.name));
}

/** JSON with object keys sorted, so two gateways' answers compare by content, not by key order or spacing. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v);
}

/** `each` over `items`, 10 at a time (200 users at once would be a load test of its own before the warm-up). */
async function inBatches<T, R>(items: T[], each: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += 10) out.push(...(await Promise.all(items.slice(i, i + 10).map(each))));
  return out;
}

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, text: await res.text() };
}

/**
 * Runs every subject on one scenario: starts it, takes the expected answers from the first subject (stock
 * @apollo/gateway) one request at a time, loads it, reads its peak RSS, stops it.
 */
async function measure(
  scenario: string,
  list: Subject[],
  portBase: number,
  requests: (expected: Map<string, string> | null, url: string) => Promise<LoadRequest[]>,
  subgraphs: BenchProcess[] = [],
): Promise<BenchRow[]> {
  const subgraphsCpuMs = () => subgraphs.reduce((sum, p) => sum + p.cpuMs(), 0);
  const rows: BenchRow[] = [];
  let expected: Map<string, string> | null = null;
  for (const [i, subject] of list.entries()) {
    const port = portBase + i;
    const url = `http://127.0.0.1:${port}/graphql`;
    console.log(`[gateway bench] ${scenario}: ${subject.name}`);
    const proc = await subject.start(port);
    try {
      const load = await requests(expected, url);
      if (!expected) expected = new Map(load.map((r) => [r.body + (r.headers['authorization'] ?? ''), (r as LoadRequest & { expected: string }).expected]));
      let cpuAtStart = 0;
      let subgraphsCpuAtStart = 0;
      const result = await runLoad(url, load, {
        connections: CONNECTIONS,
        warmupSeconds: WARMUP_SECONDS,
        seconds: SECONDS,
        beforeMeasure: () => {
          cpuAtStart = proc.cpuMs();
          subgraphsCpuAtStart = subgraphsCpuMs();
        },
      });
      const perRequest = (ms: number) => Math.round((ms / Math.max(1, result.requests)) * 100) / 100;
      const cpuMsPerRequest = perRequest(proc.cpuMs() - cpuAtStart);
      const subgraphsCpuMsPerRequest = subgraphs.length > 0 ? perRequest(subgraphsCpuMs() - subgraphsCpuAtStart) : null;
      const correct = result.errors === 0 && result.mismatches === 0 && result.otherUsersData === 0;
      if (!correct) {
        // What went wrong is in the processes' last lines: the subject's, and the subgraphs' when they are ours.
        for (const p of [proc, ...subgraphs]) console.log(`[gateway bench] ${p.name}, last lines:\n${p.tail()}`);
      }
      rows.push({ subject: subject.name, scenario, rps: result.rps, p50Ms: result.p50Ms, p99Ms: result.p99Ms, errors: result.errors, timeouts: result.timeouts,
        mismatches: result.mismatches, otherUsersData: result.otherUsersData, peakRssMiB: proc.peakRssMiB(), gatewayCpuMsPerRequest: cpuMsPerRequest, subgraphsCpuMsPerRequest, correct: correct ? 'yes' : 'NO' });
    } finally {
      await proc.stop();
    }
  }
  return rows;
}

/** The requests of a scenario with their expected answers: from `expected` when given, else asked of `url` now. */
type Requests = LoadRequest & { expected: string };

async function federationBenchmarkScenario(): Promise<BenchRow[]> {
  const port = BASE_PORT + 200;
  const dir = join(repoRoot, '.data', 'bench');
  mkdirSync(dir, { recursive: true });
  const supergraphPath = join(dir, 'federation-benchmark-supergraph.graphql');
  writeFileSync(supergraphPath, benchmarkSupergraph(`http://127.0.0.1:${port}`));
  const subgraphs = await startBenchProcess({ name: 'benchmark subgraphs', entry: 'bench/federation-benchmark/serve-subgraphs.ts', cwd: repoRoot,
    env: { PORT: String(port) }, ready: () => answersGraphql(`http://127.0.0.1:${port}/accounts`) });
  try {
    const names = ['accounts', 'inventory', 'products', 'reviews'];
    const oursEnv = { ACCESS_TOKEN_SECRET: 'bench-access-token-secret-0123456789abcdef', GATEWAY_SIGNING_SECRET: 'bench-gateway-signing-secret-0123456789',
      SUBGRAPH_URLS: JSON.stringify(Object.fromEntries(names.map((n) => [n, `http://127.0.0.1:${port}/${n}`]))), LOG_LEVEL: 'warn' };
    const body = JSON.stringify({ query: benchmarkQuery });
    return await measure('federation benchmark (4 subgraphs, nested query)', subjects(supergraphPath, oursEnv, {}), BASE_PORT + 100, async (expected, url) => {
      let want = expected?.get(body);
      if (!want) {
        const first = await post(url, body);
        const parsed = JSON.parse(first.text) as { data?: unknown; errors?: unknown };
        if (first.status !== 200 || parsed.errors || !parsed.data) throw new Error(`the reference gateway failed the benchmark query: ${first.text.slice(0, 500)}`);
        want = canonical(parsed);
      }
      const wanted = want;
      const request: Requests = {
        body,
        headers: {},
        expected: wanted,
        check: (status, text) => {
          if (status !== 200 || text.includes('"errors"')) return 'error';
          return canonical(JSON.parse(text)) === wanted ? null : 'mismatch';
        },
      };
      return [request];
    }, [subgraphs]);
  } finally {
    await subgraphs.stop();
  }
}

async function homeScreenScenario(): Promise<BenchRow[]> {
  const stack = await startHomeScreenStack({ basePort: BASE_PORT, dataDir, userCount: USERS, nodeArgs: (name) => cpuProf(name), keep: env['GATEWAY_BENCH_KEEP_STACK'] === '1' });
  try {
    // As the app sends it: the file with any shared fragment it spreads.
    const query = readOperationFiles().find((f) => f.file === 'home-screen.graphql')!.source;
    const body = JSON.stringify({ query, operationName: 'HomeScreen' });
    const peerEnv = { ACCESS_TOKEN_SECRET: stack.options.secrets.ACCESS_TOKEN_SECRET, GATEWAY_SIGNING_SECRET: stack.options.secrets.GATEWAY_SIGNING_SECRET };
    const withHospitals = { count: 0 };
    const rows = await measure(`home screen (${stack.users.length} users in ${stack.users.length} 행정동)`, subjects(stack.supergraphPath, stack.gatewayEnv, peerEnv),
      BASE_PORT + 100, async (expected, url) => inBatches(stack.users, async (user): Promise<Requests> => {
        const authorization = `Bearer ${user.token}`;
        let want = expected?.get(body + authorization);
        if (!want) {
          // The expected answer, asked of the reference gateway with a second chance: on this shared machine a
          // subgraph connection is sometimes reset while the reference warms up, which is not an answer.
          let first = await post(url, body, { authorization });
          if (first.status !== 200 || first.text.includes('"errors"')) first = await post(url, body, { authorization });
          const parsed = JSON.parse(first.text) as { data?: { me?: { id?: string; neighborhood?: { code: string; hospitals: unknown[] } } }; errors?: unknown };
          if (first.status !== 200 || parsed.errors || parsed.data?.me?.id !== user.id || parsed.data.me.neighborhood?.code !== user.neighborhoodCode) {
            throw new Error(`the reference gateway's home screen for ${user.id} is not theirs: ${first.text.slice(0, 500)}`);
          }
          if (parsed.data.me.neighborhood.hospitals.length > 0) withHospitals.count++;
          want = canonical(parsed);
        }
        const wanted = want;
        const subject = decodeJwt(user.token).sub;
        return {
          body,
          headers: { authorization },
          expected: wanted,
          check: (status, text) => {
            if (status !== 200) return 'error';
            const parsed = JSON.parse(text) as { data?: { me?: { id?: string } }; errors?: unknown };
            if (parsed.data?.me?.id !== undefined && parsed.data.me.id !== subject) return 'otherUser';
            if (parsed.errors) return 'error';
            return canonical(parsed) === wanted ? null : 'mismatch';
          },
        };
      }), stack.subgraphs);
    console.log(`[gateway bench] home screen: ${withHospitals.count} of ${stack.users.length} users' 행정동 have 24-hour hospitals`);
    return rows;
  } finally {
    await stack.stop();
  }
}

/** Runs the benchmark, writes bench/results/gateway.json; fails when any subject answered wrongly. */
export async function runGatewayBenchmark(): Promise<void> {
  const rows: BenchRow[] = [];
  if (SCENARIOS.includes('home')) rows.push(...(await homeScreenScenario()));
  if (SCENARIOS.includes('public')) rows.push(...(await federationBenchmarkScenario()));
  writeBenchReport('gateway', rows);
  const wrong = rows.filter((r) => r['correct'] !== 'yes');
  if (wrong.length > 0) throw new Error(`answered wrongly: ${wrong.map((r) => `${r.subject} (${r.scenario}): ${r['otherUsersData']} with another user's data, ${r['mismatches']} differing, ${r['errors']} errors`).join('; ')}`);
}
