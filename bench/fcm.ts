import https from 'node:https';
import http2 from 'node:http2';
import tls from 'node:tls';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { cert, deleteApp, initializeApp } from 'firebase-admin/app';
import { getMessaging } from 'firebase-admin/messaging';
import { createLogger, openDatabase } from '@petcare/service-kit';
import { dropTestDatabase, testDatabaseUrl } from '@petcare/service-kit/testing';
import { startFcmContractProcess, type FcmContractProcess } from '@petcare/fcm-contract-server';
import { loadConfig } from '@petcare/alerts/config';
import { database } from '@petcare/alerts/database';
import { buildPushDelivery, createFcmAgent, enqueuePush, getDeliveryProgress } from '@petcare/alerts/push';
import { writeServiceAccountKey } from '@petcare/alerts/testing';
import { writeBenchReport, type BenchRow } from './lib/bench-report.ts';

// One alert fanned out to FCM_BENCH_TOKENS device tokens (100,000) through the local FCM (its own process,
// 20 ms per request), end to end. "ours" is the alerts push worker: enqueue → an alert per user → reserve,
// send, record every outcome in PostgreSQL → job done. The peer is the baseline: firebase-admin over
// HTTP/1.1 with a plain keep-alive agent, sendEachForMulticast in 500-token batches, 4 calls in parallel,
// recording nothing. Two more rows are floors: the same requests with node:https alone over our agent,
// and with node:http2 alone over three sessions.
// CPU is the sending process's own (user + system), the local FCM's is not counted;
// PostgreSQL's is not counted either and is reported apart for ours.
const TOKENS = Number(process.env['FCM_BENCH_TOKENS'] ?? 100_000);
const LATENCY_MS = 20;
const CODE = '1168064000';

const tokenOf = (n: number) => `bench${String(n).padStart(7, '0')}:APA91b${'x'.repeat(140)}`;

interface Measured {
  seconds: number;
  cpuSeconds: number;
}

async function measure(run: () => Promise<void>): Promise<Measured> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  // On the clock of --cpu-prof's samples, to cut a profile down to the measured part.
  const window = [process.hrtime.bigint() / 1000n];
  await run();
  const used = process.cpuUsage(cpu);
  window.push(process.hrtime.bigint() / 1000n);
  if (process.execArgv.includes('--cpu-prof')) console.log(`profile window µs: ${window.join(' ')}`);
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

function localAgent(fcm: FcmContractProcess, options: https.AgentOptions): https.Agent {
  const agent = new https.Agent({ ...options, ca: fcm.ca });
  const connect = agent.createConnection.bind(agent) as (o: object, cb?: unknown) => Duplex;
  agent.createConnection = ((o: object, cb?: unknown) =>
    connect({ ...o, host: '127.0.0.1', port: fcm.port }, cb)) as typeof agent.createConnection;
  return agent;
}

async function baseline(fcm: FcmContractProcess, keyFile: string): Promise<Measured> {
  const agent = localAgent(fcm, { keepAlive: true });
  const app = initializeApp({ credential: cert(keyFile, agent), httpAgent: agent }, `baseline-${randomUUID()}`);
  const messaging = getMessaging(app);
  messaging.enableLegacyHttpTransport();
  const alertId = randomUUID();
  const send = (from: number, to: number) =>
    messaging.sendEachForMulticast({
      tokens: Array.from({ length: to - from }, (_, i) => tokenOf(from + i)),
      notification: { title: '역삼1동 소식', body: '내일 오전 10시 공원에서 반려견 산책 모임이 있어요.' },
      data: { alertId, kind: 'NEIGHBORHOOD_NOTICE', neighborhoodCode: CODE },
      android: { priority: 'high', notification: { channelId: 'alerts' } },
    });
  await send(0, 1); // OAuth token and first connection, not measured
  await fcm.reset();
  let next = 0;
  let failures = 0;
  const result = await measure(async () => {
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < TOKENS) {
          const from = next;
          next = Math.min(TOKENS, next + 500);
          failures += (await send(from, next)).failureCount;
        }
      }),
    );
  });
  await deleteApp(app);
  agent.destroy();
  if (failures > 0) throw new Error(`baseline: ${failures} sends failed`);
  return result;
}

/** An access token from the local OAuth endpoint, for the floors that send without the SDK. */
async function oauthTokenOverHttps(fcm: FcmContractProcess): Promise<string> {
  const claims = Buffer.from(
    JSON.stringify({ aud: 'https://oauth2.googleapis.com/token', iss: 'floor@petcare-bench.iam.gserviceaccount.com' }),
  ).toString('base64url');
  const form = new URLSearchParams({
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    assertion: `e30.${claims}.sig`,
  }).toString();
  const text = await new Promise<string>((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port: fcm.port,
        servername: 'oauth2.googleapis.com',
        ca: fcm.ca,
        method: 'POST',
        path: '/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
      (res) => {
        let t = '';
        res.on('data', (c) => (t += c));
        res.on('end', () => resolve(t));
      },
    );
    req.on('error', reject);
    req.end(form);
  });
  return (JSON.parse(text) as { access_token: string }).access_token;
}

/** The body the floors send: what firebase-admin puts on the wire for a notice like ours. */
function floorMessage(n: number, alertId: string): string {
  return JSON.stringify({
    message: {
      token: tokenOf(n),
      notification: { title: '역삼1동 소식', body: '내일 오전 10시 공원에서 반려견 산책 모임이 있어요.' },
      data: { alertId, kind: 'NEIGHBORHOOD_NOTICE', neighborhoodCode: CODE },
      android: { priority: 'high', notification: { channel_id: 'alerts' } },
    },
  });
}

/**
 * The floor under any firebase-admin sender here: the same request bodies over the same bounded agent as
 * ours, with node:https alone (no SDK, no bookkeeping), as many in flight as our sockets.
 */
async function nodeHttpsFloor(fcm: FcmContractProcess): Promise<Measured> {
  const sockets = Number(process.env['FCM_CONCURRENCY'] ?? 256);
  const agent = createFcmAgent({ maxSockets: sockets, connectTo: { host: '127.0.0.1', port: fcm.port }, ca: fcm.ca });
  const post = (host: string, path: string, body: string, headers: Record<string, string>) =>
    new Promise<string>((resolve, reject) => {
      const req = https.request(
        { host, path, method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => (res.statusCode === 200 ? resolve(text) : reject(new Error(`${res.statusCode} ${text}`))));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const token = await oauthTokenOverHttps(fcm);
  const alertId = randomUUID();
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  let next = 0;
  const result = await measure(async () => {
    await Promise.all(
      Array.from({ length: sockets }, async () => {
        while (next < TOKENS) await post('fcm.googleapis.com', '/v1/projects/petcare-bench/messages:send', floorMessage(next++, alertId), headers);
      }),
    );
  });
  agent.destroy();
  return result;
}

/**
 * The floor under firebase-admin's HTTP/2 transport: the same requests as the node:https floor over 3 HTTP/2
 * sessions of 100 streams each (FCM's concurrent-stream limit per connection) with node:http2 alone.
 */
async function nodeHttp2Floor(fcm: FcmContractProcess): Promise<Measured> {
  const sessions = Array.from({ length: 3 }, () =>
    http2.connect('https://fcm.googleapis.com', {
      createConnection: () =>
        tls.connect({ host: '127.0.0.1', port: fcm.http2Port, servername: 'fcm.googleapis.com', ca: fcm.ca, ALPNProtocols: ['h2'] }),
    }),
  );
  const post = (session: http2.ClientHttp2Session, body: string) =>
    new Promise<void>((resolve, reject) => {
      const req = session.request({
        ':method': 'POST',
        ':path': '/v1/projects/petcare-bench/messages:send',
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
      });
      let text = '';
      req.setEncoding('utf8');
      req.on('response', (headers) => headers[':status'] !== 200 && reject(new Error(`status ${headers[':status']}`)));
      req.on('data', (c: string) => (text += c));
      req.on('end', () => resolve(JSON.parse(text) as void));
      req.on('error', reject);
      req.end(body);
    });
  const token = await oauthTokenOverHttps(fcm);
  const alertId = randomUUID();
  const message = (n: number) => floorMessage(n, alertId);
  let next = 0;
  const result = await measure(async () => {
    await Promise.all(
      sessions.flatMap((session) =>
        Array.from({ length: 100 }, async () => {
          while (next < TOKENS) await post(session, message(next++));
        }),
      ),
    );
  });
  for (const s of sessions) s.close();
  return result;
}

async function ours(
  fcm: FcmContractProcess,
  keyFile: string,
  transport: 'http2' | 'http1',
): Promise<Measured & { pgSeconds: number; firstOutcomeSeconds: number }> {
  const databaseUrl = testDatabaseUrl('bench_fcm');
  const log = createLogger('bench-fcm', 'warn');
  const orm = await openDatabase({ url: databaseUrl, ...database, log });
  const sql = (q: string, p: unknown[] = []) => orm.em.getConnection().execute(q, p);
  try {
    // One device per user, every user verified in one 행정동: a neighbourhood-wide notice.
    await sql(
      `insert into device_copy (id, user_id, token, platform)
               select gen_random_uuid(), gen_random_uuid(), 'bench' || lpad(n::text, 7, '0') || ':APA91b' || repeat('x', 140), case when n % 3 = 0 then 'IOS' else 'ANDROID' end
                 from generate_series(0, ? - 1) n`,
      [TOKENS],
    );
    await sql(
      `insert into verification_copy (user_id, neighborhood_code, verified_at, expires_at) select user_id, ?, now(), now() + interval '30 days' from device_copy`,
      [CODE],
    );
    await sql('analyze');
    const config = loadConfig({
      ...process.env,
      PORT: '0',
      DATABASE_URL: databaseUrl,
      GATEWAY_SIGNING_SECRET: 'bench-gateway-signing-secret-0123456789',
      LOG_LEVEL: 'warn',
      FCM_SERVICE_ACCOUNT_FILE: keyFile,
      FCM_TRANSPORT: transport,
      // 16 sendEach calls in flight: over HTTP/2 each needs five round trips for its 500 messages.
      FCM_LANES: process.env['FCM_LANES'] ?? '16',
    });
    const delivery = buildPushDelivery(config, log, {
      connectTo: { host: '127.0.0.1', port: fcm.port },
      http2ConnectTo: { host: '127.0.0.1', port: fcm.http2Port },
      ca: fcm.ca,
    });
    await delivery.background!.start();
    // Warm-up: the OAuth token and the connections, not measured.
    const [warm] = (await sql('select user_id from device_copy limit 1')) as { user_id: string }[];
    const w = await enqueuePush(orm.em.fork(), { audience: { userIds: [warm!.user_id] }, kind: 'SYSTEM', title: 'warm-up', body: '' });
    while ((await getDeliveryProgress(orm.em.fork(), w.jobId))?.state !== 'DONE') await new Promise((r) => setTimeout(r, 50));
    await fcm.reset();
    const pgBefore = await postgresCpuSeconds(sql);
    let jobId = '';
    const result = await measure(async () => {
      jobId = (
        await enqueuePush(orm.em.fork(), {
          audience: { neighborhoodCode: CODE },
          kind: 'NEIGHBORHOOD_NOTICE',
          title: '역삼1동 소식',
          body: '내일 오전 10시 공원에서 반려견 산책 모임이 있어요.',
          data: { neighborhoodCode: CODE },
        })
      ).jobId;
      while ((await getDeliveryProgress(orm.em.fork(), jobId))?.state !== 'DONE') await new Promise((r) => setTimeout(r, 50));
    });
    const pgSeconds = (await postgresCpuSeconds(sql)) - pgBefore;
    // How long the alert of each user took to store before the first outcome: the part of end to end
    // that is not sending.
    const [phase] = (await sql(
      `select extract(epoch from (select min(updated_at) from push_attempt a where a.job_id = j.id) - started_at)::float8 as s
         from push_job j where id = ?`,
      [jobId],
    )) as { s: number }[];
    await delivery.background!.stop();
    const progress = (await getDeliveryProgress(orm.em.fork(), jobId))!;
    if (progress.sent !== TOKENS) throw new Error(`ours: ${progress.sent} of ${TOKENS} sent: ${JSON.stringify(progress)}`);
    return { ...result, pgSeconds, firstOutcomeSeconds: phase!.s };
  } finally {
    await orm.close();
    await dropTestDatabase(databaseUrl);
  }
}

/**
 * CPU seconds (user + system, from /proc) of this database's PostgreSQL backends: what ours costs the
 * database. Other databases on the shared server are not counted.
 */
async function postgresCpuSeconds(sql: (q: string) => Promise<unknown>): Promise<number> {
  const rows = (await sql('select pid from pg_stat_activity where datname = current_database()')) as { pid: number }[];
  return rows.reduce((sum, { pid }) => sum + processCpuSeconds(pid), 0);
}

/** CPU seconds (user + system) a process has used, from /proc; 0 when it has ended. */
function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Runs both subjects against one local FCM; fails (after writing the figures) on any 429, duplicate or loss. */
export async function runFcmBenchmark(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-fcm-'));
  const keyFile = writeServiceAccountKey(dir, 'petcare-bench');
  const fcm = await startFcmContractProcess({ latencyMs: LATENCY_MS });
  const rows: BenchRow[] = [];
  const only = process.env['FCM_BENCH_SUBJECTS']?.split(',');
  try {
    const subjects: [string, string, () => Promise<Measured & { pgSeconds?: number; firstOutcomeSeconds?: number }>][] = [
      ['baseline', 'sendEachForMulticast ×4, keep-alive agent, no bookkeeping', () => baseline(fcm, keyFile)],
      ['ours', 'alerts push worker over HTTP/2 (default), 행정동 audience, outcomes in PostgreSQL', () => ours(fcm, keyFile, 'http2')],
      ['ours-http1', 'alerts push worker over HTTP/1.1, 행정동 audience, outcomes in PostgreSQL', () => ours(fcm, keyFile, 'http1')],
      ['node-https-floor', 'same requests over our agent with node:https alone: no SDK, no bookkeeping', () => nodeHttpsFloor(fcm)],
      [
        'node-http2-floor',
        'same requests over 3 HTTP/2 sessions × 100 streams with node:http2 alone: no SDK, no bookkeeping',
        () => nodeHttp2Floor(fcm),
      ],
    ];
    for (const [subject, scenario, run] of subjects.filter(([s]) => !only || only.includes(s))) {
      await fcm.reset();
      const fcmCpuBefore = processCpuSeconds(fcm.pid);
      const m = await run();
      const fcmCpuSeconds = processCpuSeconds(fcm.pid) - fcmCpuBefore;
      const summary = await fcm.summary();
      rows.push({
        subject,
        scenario,
        tokens: TOKENS,
        messagesPerSecond: Math.round(TOKENS / m.seconds),
        http429: summary.byStatus['429'] ?? 0,
        duplicated: summary.duplicates,
        lost: TOKENS - summary.distinct,
        cpuSeconds: Number(m.cpuSeconds.toFixed(2)),
        cpuMicrosPerMessage: Math.round((m.cpuSeconds / TOKENS) * 1e6),
        ...(m.pgSeconds !== undefined ? { postgresCpuSeconds: Number(m.pgSeconds.toFixed(2)) } : {}),
        ...(m.firstOutcomeSeconds !== undefined ? { firstOutcomeSeconds: Number(m.firstOutcomeSeconds.toFixed(2)) } : {}),
        // The local FCM's CPU (its own process, on the same cores): not the sender's, but it shares the machine.
        localFcmCpuSeconds: Number(fcmCpuSeconds.toFixed(2)),
        // The machine is shared: how busy it was tells how far these figures are from an idle one's.
        loadAverage1m: Number(os.loadavg()[0]!.toFixed(1)),
      });
      console.log(JSON.stringify(rows.at(-1)));
    }
  } finally {
    await fcm.close();
    rmSync(dir, { recursive: true, force: true });
  }
  writeBenchReport('fcm', rows);
  const broken = rows.filter((r) => r['http429'] !== 0 || r['duplicated'] !== 0 || r['lost'] !== 0);
  if (broken.length > 0) throw new Error(`429s, duplicates or losses: ${JSON.stringify(broken)}`);
}
