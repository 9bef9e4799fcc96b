import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { pino } from 'pino';
import { Kafka, logLevel } from 'kafkajs';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger, openDatabase } from '@petcare/service-kit';
import { dropTestDatabase, testDatabaseUrl, waitUntil } from '@petcare/service-kit/testing';
import { ConnectClient, connectUrl, registerTestConnector, removeTestConnector, testBrokers, testConnectorConfig, waitForConnectorRunning } from '@petcare/cdc/connect';
import { CdcConsumer } from '../src/cdc-consumer.ts';
import { TimedCopy, TimedSinkMigration, pacedWriter, timedHandler, timedSourceSql } from './fixtures/timed-copy.ts';

// Issue 11: the three-node cluster (`cdc.sh start --ha`) loses a machine under a live stream of 1,000 changes/s
// and every change still reaches the copy exactly once. Each fault: 10 s of stream, SIGKILL, 15 s on what is left
// (longer if Connect has not moved the task yet), the killed process started again, 10 s more; then the copy must
// equal the source with every change applied once. Latencies are printed per phase, not asserted: two cores are
// shared with other work here; captureP99DuringMs (commit → Debezium) tells a stall of capture from one of delivery.
// Run by `npm run test:ha` (scripts/test-ha.sh), never by `npm test`.
const RATE = 1000;
const BEFORE_MS = 10_000;
const DEGRADED_MS = 15_000;
const AFTER_MS = 10_000;
const FAULT_TEST_MS = 420_000;

const cdcCli = fileURLToPath(new URL('../../../cdc/runtime/cdc.sh', import.meta.url));
const tag = randomBytes(3).toString('hex');
const sourceUrl = testDatabaseUrl('hasrc');
const sinkUrl = testDatabaseUrl('hasink');
const connector = `ha-${tag}`;
const topic = `ha_${tag}.public.timed`;
const deadLetterTopic = `ha_${tag}.dlq`;
// HA_LOG=<file> writes the consumer's log (kafkajs's warnings included) there, to see where a stall comes from.
const log = process.env['HA_LOG'] ? pino({ level: 'debug' }, pino.destination(process.env['HA_LOG'])) : createLogger('ha-faults', 'silent');
const kafka = new Kafka({ clientId: 'ha-faults', brokers: testBrokers, logLevel: logLevel.NOTHING });
// Worker w's REST port is CONNECT_PORT + w - 1 (cdc.sh); worker_id in a status is `host:port`.
const workerUrls = [connectUrl, connectUrl.replace(/:(\d+)$/, (_m, port: string) => `:${Number(port) + 1}`)];

let pool: pg.Pool;
let sink: MikroORM;
let consumer: CdcConsumer;
let replaysDropped = 0;
const report: Record<string, string | number>[] = [];

const cdc = (...args: string[]) => execFileSync('bash', [cdcCli, ...args], { encoding: 'utf8', timeout: 300_000, env: { ...process.env, CDC_HA: '1' } }).trim();
const connectorOptions = { name: connector, database: new URL(sourceUrl).pathname.slice(1), topicPrefix: `ha_${tag}`, tables: 'public.timed' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sinkRows = async (sql: string, params: unknown[] = []) => sink.em.getConnection().execute(sql, params);
const p99 = (values: number[]) => (values.length ? Math.round(values.sort((a, b) => a - b)[Math.ceil(0.99 * values.length) - 1]!) : Number.NaN);

/** One fault: kill() crashes a part and names it; restart() brings it back once the stream ran on the rest. */
async function underFault(fault: string, kill: () => Promise<string>, degraded: (killed: string) => Promise<void> = () => Promise.resolve()) {
  const firstId = Number((await pool.query('select coalesce(max(id), 0) + 1 as n from timed')).rows[0].n);
  const dropped = replaysDropped;
  const writer = pacedWriter(pool, firstId, RATE);
  await sleep(BEFORE_MS);
  const killedAt = Date.now();
  const killed = await kill();
  await Promise.all([sleep(DEGRADED_MS), degraded(killed)]);
  cdc('start', '--ha');
  const backAt = Date.now();
  await sleep(AFTER_MS);
  const written = await writer.stop();
  const seconds = (Date.now() - killedAt + BEFORE_MS) / 1000;
  const source = Number((await pool.query('select count(*) as n from timed where id >= $1', [firstId])).rows[0].n);
  const count = async () => Number((await sinkRows('select count(*) as n from timed_copy where id >= ?', [firstId]))[0]?.n);
  await waitUntil(`all ${source} changes of "${fault}" in the copy`, async () => (await count()) >= source, 300_000);
  await sleep(2000); // late redeliveries, if the LSN check let any through, would show as applications > 1
  const [totals] = await sinkRows('select count(*)::int as rows, coalesce(sum(applications), 0)::int as effects from timed_copy where id >= ?', [firstId]);
  const latencies = await sinkRows(
    'select source_ts_ms::bigint as ts, extract(epoch from applied_at) * 1000 - source_ts_ms as ms, captured_ts_ms - source_ts_ms as capture from timed_copy where id >= ?',
    [firstId],
  );
  const phase = (from: number, to: number, column = 'ms') => latencies.filter((l) => Number(l.ts) >= from && Number(l.ts) < to).map((l) => Number(l[column]));
  report.push({
    fault,
    killed,
    changesIn: source,
    achievedPerSecond: Math.round(written / seconds),
    effects: Number(totals?.effects),
    redeliveriesDropped: replaysDropped - dropped,
    p99BeforeMs: p99(phase(0, killedAt)),
    p99DuringMs: p99(phase(killedAt, backAt)),
    maxDuringMs: Math.round(Math.max(...phase(killedAt, backAt))),
    // Source commit → Debezium: the part of the stall that is capture; the rest is Kafka and the consumer.
    captureP99DuringMs: p99(phase(killedAt, backAt, 'capture')),
    p99AfterMs: p99(phase(backAt, Number.MAX_SAFE_INTEGER)),
  });
  console.info(JSON.stringify(report.at(-1)));
  expect(source).toBe(written);
  expect(Number(totals?.rows)).toBe(source);
  expect(Number(totals?.effects)).toBe(source);
}

beforeAll(async () => {
  if (testBrokers.length < 3) throw new Error(`the fault tests need the three-node cluster (npm run test:ha); KAFKA_BROKERS names ${testBrokers.join(',')}`);
  const admin = new pg.Client({ connectionString: new URL('/postgres', sourceUrl).toString() });
  await admin.connect();
  await admin.query(`create database "${new URL(sourceUrl).pathname.slice(1)}"`);
  await admin.end();
  pool = new pg.Pool({ connectionString: sourceUrl, max: 8 });
  await pool.query(timedSourceSql);
  sink = await openDatabase({ url: sinkUrl, entities: [TimedCopy], migrations: [TimedSinkMigration], log });
  await registerTestConnector(connectorOptions);
  consumer = new CdcConsumer({
    brokers: testBrokers,
    groupId: `ha-${tag}`,
    deadLetterTopic,
    handlers: [timedHandler(topic)],
    orm: sink,
    log,
    onOutcome: (_topic, outcome) => {
      if (outcome.result === 'skipped' && outcome.reason.startsWith('lsn')) replaysDropped++;
    },
  });
  await consumer.start();
  await pool.query("insert into timed (id, payload) select g, 'warm-up' from generate_series(1, 200) g");
  await waitUntil('the warm-up rows in the copy', async () => Number((await sinkRows('select count(*) as n from timed_copy'))[0]?.n) === 200);
});

afterAll(async () => {
  if (report.length) console.table(report);
  await consumer?.stop();
  await pool?.end();
  await removeTestConnector(connector, new URL('/postgres', sourceUrl).toString()).catch(() => undefined);
  await sink?.close();
  await dropTestDatabase(sourceUrl);
  await dropTestDatabase(sinkUrl);
});

describe('CDC on three Kafka nodes and two Connect workers, losing one machine under 1,000 changes/s', () => {
  it('replicates the CDC, dead-letter and internal topics three times, two in sync required', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const topics = [topic, deadLetterTopic, '__consumer_offsets', 'petcare-connect-offsets', 'petcare-connect-configs', 'petcare-connect-status'];
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      for (const t of metadata) for (const partition of t.partitions) expect({ topic: t.name, replicas: partition.replicas.length }).toEqual({ topic: t.name, replicas: 3 });
      const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: topics.map((name) => ({ type: 2, name, configNames: ['min.insync.replicas'] })) });
      for (const r of resources) expect({ topic: r.resourceName, minIsr: r.configEntries[0]?.configValue }).toEqual({ topic: r.resourceName, minIsr: '2' });
    } finally {
      await admin.disconnect();
    }
  });

  it('applies every change once when the leader of the CDC topic partition is SIGKILLed', async () => {
    await underFault('leader of the CDC partition', async () => {
      const admin = kafka.admin();
      await admin.connect();
      const leader = (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]!.partitions[0]!.leader;
      await admin.disconnect();
      const label = leader === 1 ? 'kafka' : `kafka-${leader}`;
      cdc('kill', label);
      return label;
    });
  }, FAULT_TEST_MS);

  it('applies every change once when the active controller is SIGKILLed', async () => {
    await underFault('active controller', async () => {
      const label = cdc('controller');
      cdc('kill', label);
      return label;
    });
  }, FAULT_TEST_MS);

  it("applies every change once when the Connect worker running the connector's task is SIGKILLed", async () => {
    let survivor = workerUrls[0]!;
    await underFault(
      'Connect worker running the task',
      async () => {
        const status = await new ConnectClient(connectUrl).status(connector);
        const port = Number(status?.tasks[0]?.worker_id?.split(':')[1]);
        const worker = workerUrls.findIndex((url) => url.endsWith(`:${port}`));
        expect(worker).toBeGreaterThanOrEqual(0);
        survivor = workerUrls[1 - worker]!;
        const label = worker === 0 ? 'connect' : 'connect-2';
        cdc('kill', label);
        return label;
      },
      // The survivor takes the task over once the dead worker's session times out; only then is it started again.
      async () => {
        await waitUntil(
          'the task running on the surviving worker',
          async () => (await new ConnectClient(survivor).status(connector).catch(() => undefined))?.tasks[0]?.worker_id === new URL(survivor).host,
          180_000,
        );
        await waitForConnectorRunning(connector, { client: new ConnectClient(survivor), timeoutMs: 120_000 });
      },
    );
  }, FAULT_TEST_MS);

  it('registers and shows the connectors through worker 2 while worker 1 is down, saying which worker answered', async () => {
    // A connectors folder holding only this test's connector, so `register` touches nothing else on the cluster.
    const dir = mkdtempSync(join(tmpdir(), 'ha-connectors-'));
    writeFileSync(join(dir, `${connector}.json`), JSON.stringify({ name: connector, ...testConnectorConfig(connectorOptions) }));
    const cdcWith = (...args: string[]) =>
      execFileSync('bash', [cdcCli, ...args], { encoding: 'utf8', timeout: 300_000, env: { ...process.env, CDC_HA: '1', CDC_CONNECTORS_DIR: dir } });
    try {
      cdc('kill', 'connect');
      // Worker 2 forwards a restart to the group's leader: until worker 1's session ends, that may be the dead one.
      await waitUntil(
        'worker 2 runs the task',
        async () => (await new ConnectClient(workerUrls[1]!).status(connector).catch(() => undefined))?.tasks[0]?.worker_id === new URL(workerUrls[1]!).host,
        180_000,
      );
      const status = cdcWith('status');
      expect(status).toContain(`[cdc] connect: worker 2 of 2 answered (${workerUrls[1]}); worker 1 (${workerUrls[0]}) did not`);
      expect(status).toMatch(new RegExp(`${connector}.*RUNNING`));
      const registered = cdcWith('register', '--restart');
      expect(registered).toContain(`[cdc] connect: worker 2 of 2 answered (${workerUrls[1]}); worker 1 (${workerUrls[0]}) did not`);
      expect(registered).toContain(`[cdc] register: ${connector} unchanged, restarted`);
      expect(registered).toContain(`[cdc] register: ${connector} RUNNING`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      cdc('start', '--ha');
    }
  }, FAULT_TEST_MS);
});
