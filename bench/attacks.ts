import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@petcare/service-kit';
import { dropTestDatabase, testDatabaseUrl } from '@petcare/service-kit/testing';
import { loadConfig } from '@petcare/hospitals/config';
import { buildHospitalsService } from '@petcare/hospitals/server';
import { importHospitals } from '@petcare/hospitals/importer';
import { freePort } from './lib/free-port.ts';
import { quantile, writeBenchReport, type BenchRow } from './lib/bench-report.ts';
import { checkOutPreviousGateway, PREVIOUS_GATEWAY_COMMIT } from './lib/previous-gateway.ts';

// The two attacks of issue 10, each sent once to a gateway (a process of its own) over a hospitals subgraph (another
// process) holding the 9,736 licences, while another client keeps asking for the 5 nearest hospitals: how long the
// attack takes, what it does to both processes' memory, and what the other client waits meanwhile. Subjects: this
// checkout's gateway and the one of PREVIOUS_GATEWAY_COMMIT (ATTACKS_BASELINE_COMMIT overrides), same run, same data.
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const dataDir = process.env['DATA_DIR'] ?? join(repoRoot, '../shared/data');
const FILE = join(dataDir, 'hospitals', 'localdata-animal-hospitals-2023-07.csv');
const BASELINE = process.env['ATTACKS_BASELINE_COMMIT'] ?? PREVIOUS_GATEWAY_COMMIT;
const ATTACK_TIMEOUT_MS = 120_000;
const secrets = { GATEWAY_SIGNING_SECRET: 'bench-gateway-signing-secret-0123456789', ACCESS_TOKEN_SECRET: 'bench-access-token-secret-0123456789abcd' };
const round = (ms: number) => Math.round(ms * 10) / 10;
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

/** `{ ...F<levels> }`, each fragment spreading the one below it twice: 900 bytes at 21 levels. */
const nestedFragments = (levels: number) =>
  [`{ ...F${levels} }`, 'fragment F0 on Query { __typename }', ...Array.from({ length: levels }, (_, i) => `fragment F${i + 1} on Query { ...F${i} ...F${i} }`)].join('\n');
const NEAR = 'latitude: 37.4979, longitude: 127.0276';
const aliasedNear = (count: number) =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: hospitalsNear(${NEAR}, radiusMeters: 50000, first: 100) { distanceMeters hospital { id name } }`).join(' ')} }`;
const SCENARIOS: Record<string, string> = {
  'nested fragments, 21 levels': nestedFragments(21),
  '1,000 aliases of hospitalsNear(first: 100)': aliasedNear(1000),
  // Under the token and alias limits: what the cost budget alone stops.
  '15 aliases of hospitalsNear(first: 100)': aliasedNear(15),
};
const OTHER_CLIENT = `{ hospitalsNear(${NEAR}, radiusMeters: 3000, first: 5) { distanceMeters hospital { name } } }`;

/**
 * Starts `entry` (TypeScript, through tsx) as a process of its own and waits for `/health` to answer at all (the
 * gateway's says 503: only the hospitals subgraph runs). Without Kafka: no consumer takes CPU from the figures.
 */
async function startProcess(entry: string, env: Record<string, string>, port: number): Promise<ChildProcess> {
  const { KAFKA_BROKERS: _unused, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: repoRoot,
    env: { ...inherited, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then(() => true, () => false);
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error(`${entry} did not answer /health within 60 s`);
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });

/** Resident memory of a process, from /proc (Linux). */
const rss = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

async function post(url: string, query: string, timeoutMs: number) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }), signal: AbortSignal.timeout(timeoutMs) });
  const body = await res.text();
  return { status: res.status, bytes: Buffer.byteLength(body), body };
}

/** One attack against a running gateway, with another client's latencies and both processes' memory meanwhile. */
async function attack(url: string, gatewayPid: number, hospitalsPid: number, query: string): Promise<Omit<BenchRow, 'subject' | 'scenario'>> {
  for (let i = 0; i < 20; i++) await post(url, OTHER_CLIENT, 10_000); // warm the plan cache and connections
  const rssBefore = { gateway: rss(gatewayPid), hospitals: rss(hospitalsPid) };
  const peak = { ...rssBefore };
  const sampler = setInterval(() => {
    peak.gateway = Math.max(peak.gateway, rss(gatewayPid));
    peak.hospitals = Math.max(peak.hospitals, rss(hospitalsPid));
  }, 50);
  let done = false;
  const latencies: number[] = [];
  let otherErrors = 0;
  const other = (async () => {
    while (!done) {
      const started = performance.now();
      const answer = await post(url, OTHER_CLIENT, ATTACK_TIMEOUT_MS).catch(() => null);
      latencies.push(performance.now() - started);
      if (!answer || answer.status !== 200 || answer.body.includes('"errors"')) otherErrors++;
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  await new Promise((r) => setTimeout(r, 300));
  const started = performance.now();
  const answer = await post(url, query, ATTACK_TIMEOUT_MS).catch((error: Error) => ({ status: 0, bytes: 0, body: error.message }));
  const attackMs = performance.now() - started;
  await new Promise((r) => setTimeout(r, 300));
  done = true;
  await other;
  clearInterval(sampler);
  const sorted = latencies.sort((a, b) => a - b);
  const error = /"message":"([^"]{0,90})/.exec(answer.body)?.[1] ?? null;
  return {
    attackMs: round(attackMs),
    status: answer.status,
    responseKiB: Math.round(answer.bytes / 1024),
    firstError: answer.status === 200 && !answer.body.includes('"errors"') ? null : error,
    gatewayRssBeforeMiB: mib(rssBefore.gateway),
    gatewayPeakRssMiB: mib(peak.gateway),
    hospitalsRssBeforeMiB: mib(rssBefore.hospitals),
    hospitalsPeakRssMiB: mib(peak.hospitals),
    otherRequests: sorted.length,
    otherP50Ms: round(quantile(sorted, 0.5)),
    otherP99Ms: round(quantile(sorted, 0.99)),
    otherMaxMs: round(sorted.at(-1) ?? Number.NaN),
    otherErrors,
  };
}

/** Runs every attack against the gateways (each scenario on fresh processes, so one attack's memory is not the next's). */
export async function runAttacksBenchmark(): Promise<void> {
  const log = createLogger('bench-attacks', 'silent');
  const databaseUrl = testDatabaseUrl('benchattacks');
  const seeded = await buildHospitalsService(loadConfig({ PORT: '0', DATABASE_URL: databaseUrl, GATEWAY_SIGNING_SECRET: secrets.GATEWAY_SIGNING_SECRET, LOG_LEVEL: 'silent' }), log);
  await importHospitals(seeded.orm.em, FILE);
  await seeded.close();
  const subjects: Record<string, string> = {
    [`before (${BASELINE.slice(0, 7)})`]: checkOutPreviousGateway(repoRoot, BASELINE),
    ours: join(repoRoot, 'gateway/src/index.ts'),
  };
  const rows: BenchRow[] = [];
  try {
    for (const [scenario, query] of Object.entries(SCENARIOS)) {
      for (const [subject, entry] of Object.entries(subjects)) {
        const hospitalsPort = await freePort();
        const gatewayPort = await freePort();
        const hospitals = await startProcess(join(repoRoot, 'subgraphs/hospitals/src/index.ts'), { ...secrets, DATABASE_URL: databaseUrl }, hospitalsPort);
        const nowhere = `http://127.0.0.1:${await freePort()}/graphql`;
        const gateway = await startProcess(
          entry,
          { ...secrets, HOSPITALS_URL: `http://127.0.0.1:${hospitalsPort}/graphql`, USERS_URL: nowhere, NEIGHBORHOODS_URL: nowhere, ALERTS_URL: nowhere },
          gatewayPort,
        ).catch(async (error: unknown) => {
          await stop(hospitals);
          throw error;
        });
        try {
          const row = { subject, scenario, ...(await attack(`http://127.0.0.1:${gatewayPort}/graphql`, gateway.pid!, hospitals.pid!, query)) };
          console.log(JSON.stringify(row));
          rows.push(row);
        } finally {
          await stop(gateway);
          await stop(hospitals);
        }
      }
    }
  } finally {
    await dropTestDatabase(databaseUrl);
  }
  writeBenchReport('attacks', rows);
  const ours = rows.filter((r) => r.subject === 'ours');
  if (ours.some((r) => r.status !== 400)) throw new Error('this checkout\'s gateway let an attack through (expected 400 for each)');
}
