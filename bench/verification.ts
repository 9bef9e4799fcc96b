import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { CALLER_HEADER, signCallerToken } from '@petcare/service-kit';
import { startTestSubgraph, TEST_GATEWAY_SECRET, waitUntil } from '@petcare/service-kit/testing';
import { systemTopics } from '@petcare/cdc';
import { registerTestConnector, removeTestConnector, testBrokers } from '@petcare/cdc/connect';
import { loadConfig as neighborhoodsConfig } from '@petcare/neighborhoods/config';
import { buildNeighborhoodsService } from '@petcare/neighborhoods/server';
import { importBoundaryFile } from '@petcare/neighborhoods/boundaries';
import { loadConfig as alertsConfig } from '@petcare/alerts/config';
import { buildAlertsService } from '@petcare/alerts/server';
import { postSubgraph } from '@petcare/gateway/subgraph-http';
import { startTimersInstance } from '@petcare/verification-timers/testing';
import { settleHeap } from './lib/settle-heap.ts';
import { startSubgraphProcess } from './lib/subgraph-process.ts';
import { quantile, writeBenchReport, type BenchRow } from './lib/bench-report.ts';

// `npm run bench -- verification`: how fast a GPS point finds its 행정동 at the subgraph, and how late 동네인증
// expiries fire through the real path (neighborhoods database → Debezium → Kafka → the Streams app → Kafka →
// alerts) when 100,000 of them fall in the same minute. Peers in the same run: the lookup without its spatial
// index, and the design the project rejected for expiry — a scheduler scanning the table every second.
// VERIFICATION_BENCH_EXPIRIES sets how many expiries (default 100,000).
const EXPIRIES = Number(process.env['VERIFICATION_BENCH_EXPIRIES'] ?? 100_000);
const LOOKUPS = 3_000;
// A fresh subgraph process is optimised by V8 as its code runs: see the hospitals benchmark's WARMUP for the figures.
const WARM_UP = 1000;
const SCAN_INTERVAL_MS = 1_000;
const dataDir = process.env['DATA_DIR'] ?? resolve(import.meta.dirname, '../../shared/data');
const AT = 'query ($lat: Latitude!, $lng: Longitude!) { neighborhoodAt(latitude: $lat, longitude: $lng) { code } }';

/** Lookups sent to the neighborhoods subgraph at `url`, signed as the gateway signs. */
async function measureLookups(url: string, subject: string, points: { lat: number; lng: number }[]): Promise<BenchRow> {
  // Signed once, as the gateway reuses a caller's token; sent with the gateway's own subgraph client (see the hospitals benchmark).
  const headers = { 'content-type': 'application/json', [CALLER_HEADER]: await signCallerToken(TEST_GATEWAY_SECRET, { userId: null, roles: [] }) };
  const target = new URL(url);
  const call = async (p: { lat: number; lng: number }) =>
    JSON.parse((await postSubgraph(target, headers, JSON.stringify({ query: AT, variables: p }))).body) as { data?: { neighborhoodAt: { code: string } | null } };
  for (let i = 0; i < WARM_UP; i++) await call(points[i % points.length]!);
  settleHeap();
  const times: number[] = [];
  let misses = 0;
  for (const p of points) {
    const started = performance.now();
    const res = await call(p);
    times.push(performance.now() - started);
    if (!res.data?.['neighborhoodAt']) misses++;
  }
  times.sort((a, b) => a - b);
  const row = { subject, scenario: `neighborhoodAt at the subgraph, ${points.length} points over the loaded 행정동`, lookupP50Ms: round(quantile(times, 0.5)), lookupP99Ms: round(quantile(times, 0.99)), misses };
  console.log(JSON.stringify(row));
  return row;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/** Runs the lookup and expiry scenarios and writes bench/results/verification.json; fails if any expiry was lost or duplicated. */
export async function runVerificationBenchmark(): Promise<void> {
  const ns = `vb${randomBytes(3).toString('hex')}_`;
  const topics = systemTopics(ns);
  const cdcEnv = { KAFKA_BROKERS: testBrokers.join(','), CDC_TOPIC_NAMESPACE: ns };
  const neighborhoods = await startTestSubgraph('vbnbh', (env, log) => buildNeighborhoodsService(neighborhoodsConfig(env), log), cdcEnv);
  const alerts = await startTestSubgraph('vbalerts', (env, log) => buildAlertsService(alertsConfig(env), log), cdcEnv);
  const databaseUrl = neighborhoods.service.orm.config.get('clientUrl')!;
  const connector = `${ns}neighborhoods-cdc`.replace(/_/g, '-');
  const rows: BenchRow[] = [];
  const kafka = new Kafka({ clientId: `${ns}bench`, brokers: testBrokers, logLevel: logLevel.NOTHING });
  const reader = kafka.consumer({ groupId: `${ns}bench-reader`, maxWaitTimeInMs: 50 });
  let timers: Awaited<ReturnType<typeof startTimersInstance>> | undefined;
  try {
    await importBoundaryFile(neighborhoods.service.orm.em.fork(), resolve(dataDir, 'boundaries/seoul-hangjeongdong-2021-04.geojson'));

    // Lookups: random points inside every 행정동, in a shuffled order.
    const points = (
      await neighborhoods.sql<{ lat: number; lng: number }>(
        `select ST_Y(p) as lat, ST_X(p) as lng from (select (ST_Dump(ST_GeneratePoints(geom, 8, 42))).geom as p from neighborhood) x order by md5(ST_AsText(p))`,
      )
    ).slice(0, LOOKUPS);
    // At the subgraph as deployed: its own process, so the figures are the service's and not this process's pauses
    // (the boundary import's garbage, the client's own work); the in-process service beside it, as measured before.
    const subgraph = await startSubgraphProcess('neighborhoods', { DATABASE_URL: databaseUrl, GATEWAY_SIGNING_SECRET: TEST_GATEWAY_SECRET });
    try {
      rows.push(await measureLookups(subgraph.url, 'ours', points));
      rows.push(await measureLookups(neighborhoods.url, 'ours, service in the benchmark process', points));
      await neighborhoods.sql('drop index neighborhood_geom_idx');
      rows.push(await measureLookups(subgraph.url, 'no-spatial-index', points));
      await neighborhoods.sql('create index neighborhood_geom_idx on neighborhood using gist (geom)');
    } finally {
      await subgraph.process.stop();
    }

    // Expiries: capture, the Streams app and the alerts consumer running as in a deployment.
    await registerTestConnector({ name: connector, template: 'neighborhoods-cdc', database: new URL(databaseUrl).pathname.slice(1), topicPrefix: `${ns}neighborhoods` });
    timers = await startTimersInstance('bench', { ...cdcEnv, TIMERS_STANDBY_REPLICAS: '0' });
    await waitUntil('the Streams app runs', async () => (await timers!.health())?.state === 'RUNNING', 180_000);
    await alerts.service.startBackground();

    console.log(`writing ${EXPIRIES} verifications, 30 days ahead`);
    await neighborhoods.sql(
      `with codes as (select array_agg(code) as all_codes from neighborhood)
       insert into neighborhood_verification (user_id, neighborhood_code, verified_at, expires_at, is_primary)
       select gen_random_uuid(), all_codes[1 + floor(random() * array_length(all_codes, 1))::int], now(), now() + interval '30 days', true
         from codes, generate_series(1, ?)`,
      [EXPIRIES],
    );
    await waitUntil('every verification reached alerts through CDC', async () => Number((await alerts.sql('select count(*)::int as n from verification_copy'))[0].n) === EXPIRIES, 600_000);

    // Every expiry moves into one minute, starting 150 s from now: the "expiring" reminders fire at once (their
    // moment, three days earlier, is past) and settle before the lapses start.
    const firstDue = Date.now() + 150_000;
    const expiredSeen = new Map<string, number>();
    let expiredDuplicates = 0;
    await reader.connect();
    await reader.subscribe({ topic: topics.verificationReminders, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        const event = JSON.parse(message.value!.toString()) as { id: string; kind: string; dueAt: string };
        if (event.kind !== 'VERIFICATION_EXPIRED') return;
        if (expiredSeen.has(event.id)) expiredDuplicates++;
        else expiredSeen.set(event.id, Date.now() - Date.parse(event.dueAt));
      },
    });
    await neighborhoods.sql(
      `update neighborhood_verification set verified_at = to_timestamp(? / 1000.0) - interval '30 days',
         expires_at = to_timestamp((? + floor(random() * 60000)) / 1000.0)`,
      [firstDue, firstDue],
    );
    // The peer: a scheduler that scans the table every second for what has lapsed since its last scan.
    const scanLateness: number[] = [];
    let watermark = new Date(firstDue - 1);
    const scanner = (async () => {
      while (Date.now() < firstDue + 75_000) {
        const now = new Date();
        const due = await neighborhoods.sql<{ expires_at: Date }>('select expires_at from neighborhood_verification where expires_at > ? and expires_at <= ?', [watermark, now]);
        const seenAt = Date.now();
        for (const row of due) scanLateness.push(seenAt - new Date(row.expires_at).getTime());
        watermark = now;
        await new Promise((r) => setTimeout(r, SCAN_INTERVAL_MS));
      }
    })();
    await waitUntil('every lapse reached the topic', async () => expiredSeen.size >= EXPIRIES, firstDue + 300_000 - Date.now());
    await waitUntil('every lapse became an alert', async () => Number((await alerts.sql(`select count(*)::int as n from alert where kind = 'VERIFICATION_EXPIRED'`))[0].n) >= EXPIRIES, 300_000);
    await scanner;
    await new Promise((r) => setTimeout(r, 3_000));

    const topicLateness = [...expiredSeen.values()].sort((a, b) => a - b);
    const alertLateness = (
      await alerts.sql<{ ms: number }>(
        `select extract(epoch from created_at) * 1000 - extract(epoch from (data->>'expiresAt')::timestamptz) * 1000 as ms
           from alert where kind = 'VERIFICATION_EXPIRED' order by 1`,
      )
    ).map((r) => Number(r.ms));
    const [counts] = await alerts.sql<{ alerts: number; ids: number }>(
      `select count(*)::int as alerts, count(distinct dedupe_key)::int as ids from alert where kind = 'VERIFICATION_EXPIRED'`,
    );
    rows.push({
      subject: 'ours',
      scenario: `${EXPIRIES} expiries in one minute, database → Debezium → Streams → alerts`,
      expiries: EXPIRIES,
      maxLatenessMs: Math.round(topicLateness.at(-1) ?? Number.NaN),
      p99LatenessMs: Math.round(quantile(topicLateness, 0.99)),
      alertP99LatenessMs: Math.round(quantile(alertLateness, 0.99)),
      alertMaxLatenessMs: Math.round(alertLateness.at(-1) ?? Number.NaN),
      lost: EXPIRIES - Math.min(expiredSeen.size, counts!.ids),
      duplicated: expiredDuplicates + (counts!.alerts - counts!.ids),
    });
    scanLateness.sort((a, b) => a - b);
    rows.push({
      subject: 'table-scan-every-1s',
      scenario: `${EXPIRIES} expiries in one minute, a scheduler scanning neighborhood_verification`,
      expiries: scanLateness.length,
      maxLatenessMs: Math.round(scanLateness.at(-1) ?? Number.NaN),
      p99LatenessMs: Math.round(quantile(scanLateness, 0.99)),
      lost: EXPIRIES - scanLateness.length,
      duplicated: 0,
    });
    for (const r of rows.slice(-2)) console.log(JSON.stringify(r));
  } finally {
    await reader.disconnect().catch(() => undefined);
    await timers?.stop();
    await alerts.close();
    await removeTestConnector(connector, new URL('/postgres', databaseUrl).toString()).catch(() => undefined);
    await neighborhoods.close();
  }
  writeBenchReport('verification', rows);
  const ours = rows.find((r) => r.subject === 'ours' && 'lost' in r);
  if (!ours || ours['lost'] !== 0 || ours['duplicated'] !== 0) throw new Error(`expiries lost or duplicated: ${JSON.stringify(ours)}`);
}

