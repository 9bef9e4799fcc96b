import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import pg from 'pg';
import { z } from 'zod';
import { Migration } from '@mikro-orm/migrations';
import { defineEntity, p, type MikroORM } from '@mikro-orm/postgresql';
import { createLogger, executeBound, openDatabase } from '@petcare/service-kit';
import { dropTestDatabase, testDatabaseUrl } from '@petcare/service-kit/testing';
import { CdcConsumer, type ChangeHandler } from '@petcare/cdc-consumer';
import { appliedChangeTableSql } from '@petcare/cdc-consumer/testing';
import { registerTestConnector, removeTestConnector, testBrokers } from '@petcare/cdc/connect';
import { quantile, writeBenchReport, type BenchRow } from './lib/bench-report.ts';
import { openSourceWriter } from './lib/source-writer.ts';

// Propagation latency, source commit → copy applied, through the real pipeline: Postgres WAL → Debezium
// (Kafka Connect) → Kafka → kafkajs consumer → Postgres copy. "ours" is the connector config in
// cdc/connectors; the peer is the same connector with Debezium's defaults for the keys we tuned.
// CDC_BENCH_SECONDS sets each scenario's length; CDC_BENCH_SUBJECTS=ours runs only our configuration.
const SECONDS = Number(process.env['CDC_BENCH_SECONDS'] ?? 20);
// Each scenario is preceded by this many seconds at its own rate, not measured. Connect and Kafka are JVMs that
// compile their hot code as it runs, and again at each new rate: in the first run after `cdc.sh start`, with 1 s of
// warm-up at 200/s, their C2 compiler threads took 32% and 17% of a core (per thread from /proc, 2026-12-03) and the
// 1,000/s p99 was 125 ms, 56 in the next run; with 10 s the 5,000/s p99 of three first runs was 284-360 ms. Sampled
// every 5 s, the compilers were busy for the first 20-25 s at each rate; with 30 s that first run gave 62 and 109 ms.
// A service's pipeline runs warm; the figures are for that.
const WARMUP_SECONDS = Number(process.env['CDC_BENCH_WARMUP_SECONDS'] ?? 30);
// On the three-node cluster (`CDC_HA=1 npm run bench -- cdc`, KAFKA_BROKERS naming three nodes) the scenario names
// the cluster, and its rows join the single node's in bench/results/cdc.json instead of replacing them.
const NODES = testBrokers.length;
const cluster = NODES > 1 ? ` on ${NODES} nodes` : '';
// CDC_BENCH_RATES (comma separated) picks scenarios; 5,000/s is the issue's upper goal (p99 < 250 ms on one node).
// The three-node row is the fault tests' rate, 1,000/s, with our configuration only, unless these say otherwise.
const RATES = (process.env['CDC_BENCH_RATES'] ?? (NODES > 1 ? '1000' : '200,1000,5000')).split(',').map(Number);
const tunedKeys = ['poll.interval.ms', 'max.batch.size', 'max.queue.size', 'producer.override.linger.ms'];
const subjects: { subject: string; overrides: Record<string, string | null> }[] = [
  { subject: 'ours', overrides: {} },
  { subject: 'debezium-defaults', overrides: Object.fromEntries(tunedKeys.map((k) => [k, null])) },
];

const ItemCopySchema = defineEntity({
  name: 'BenchCopy',
  tableName: 'bench_copy',
  properties: { id: p.bigint().primary(), sourceTsMs: p.bigint(), capturedTsMs: p.bigint(), appliedAt: p.datetime() },
});
class BenchCopy extends ItemCopySchema.class {}
ItemCopySchema.setClass(BenchCopy);

class BenchSinkMigration extends Migration {
  override name = 'BenchSinkMigration';
  override up(): void {
    this.addSql(appliedChangeTableSql);
    // `applications` counts how often a change took effect: anything but 1 is a duplicate.
    // captured_ts_ms: when Debezium processed the change, so a tail can be told apart: capture (WAL decoding,
    // Debezium) or delivery (Kafka, the consumer, the copy's database).
    this.addSql(
      'create table bench_copy (id bigint primary key, source_ts_ms bigint not null, captured_ts_ms bigint not null, applied_at timestamptz not null, applications int not null)',
    );
  }
}

function handler(topic: string): ChangeHandler<{ id: number }, { id: number }> {
  return {
    topic,
    key: z.object({ id: z.number() }),
    row: z.object({ id: z.number() }),
    async upsert(em, row, change) {
      // One statement per change: the path a reaction takes (copies take applyNet below).
      await executeBound(
        em,
        `insert into bench_copy (id, source_ts_ms, captured_ts_ms, applied_at, applications) values ($1, $2, $3, clock_timestamp(), 1)
         on conflict (id) do update set applications = bench_copy.applications + 1`,
        [row.id, change.sourceTsMs, change.capturedTsMs ?? change.sourceTsMs],
      );
    },
    async remove() {},
    // As defineCopy does for the services' copies: a chunk's net effect per key in one statement.
    async applyNet(em, _removes, upserts) {
      if (upserts.length === 0) return;
      await executeBound(
        em,
        `insert into bench_copy (id, source_ts_ms, captured_ts_ms, applied_at, applications)
         values ${upserts.map((_, i) => `($${3 * i + 1}, $${3 * i + 2}, $${3 * i + 3}, clock_timestamp(), 1)`).join(', ')}
         on conflict (id) do update set applications = bench_copy.applications + 1`,
        upserts.flatMap(({ row, change }) => [row.id, change.sourceTsMs, change.capturedTsMs ?? change.sourceTsMs]),
      );
    },
  };
}

async function waitApplied(sink: MikroORM, lastId: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [row] = await sink.em.getConnection().execute('select max(id) as m from bench_copy');
    if (Number(row?.m ?? 0) >= lastId) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function measureSubject(subject: string, overrides: Record<string, string | null>): Promise<BenchRow[]> {
  const tag = randomBytes(3).toString('hex');
  const log = createLogger('bench-cdc', 'silent');
  const sourceUrl = testDatabaseUrl('benchsrc');
  const sinkUrl = testDatabaseUrl('benchsink');
  const connector = `bench-${subject}-${tag}`;
  const topic = `bench_${tag}.public.item`;
  const admin = new pg.Client({ connectionString: new URL('/postgres', sourceUrl).toString() });
  await admin.connect();
  await admin.query(`create database "${new URL(sourceUrl).pathname.slice(1)}"`);
  await admin.end();
  const source = new pg.Client({ connectionString: sourceUrl });
  await source.connect();
  await source.query('create table item (id bigint primary key, payload text not null)');
  // Closed before the connector is removed, as the writer is: removing it ends the source's sessions, and a session
  // ended under an idle client is an unheard error that stops the process before the figures are written.
  await source.end();
  const writer = await openSourceWriter(sourceUrl);
  const sink = await openDatabase({ url: sinkUrl, entities: [BenchCopy], migrations: [BenchSinkMigration], log });
  const consumer = new CdcConsumer({ brokers: testBrokers, groupId: `bench-${tag}`, deadLetterTopic: `bench_${tag}.dlq`, handlers: [handler(topic)], orm: sink, log });
  const rows: BenchRow[] = [];
  try {
    await registerTestConnector({ name: connector, database: new URL(sourceUrl).pathname.slice(1), topicPrefix: `bench_${tag}`, tables: 'public.item', overrides });
    await consumer.start();
    let nextId = 1;
    // The next `total` ids at `rate`, each change waited for in the copy: where they start, and the rate achieved.
    const writeApplied = async (total: number, rate: number) => {
      const firstId = nextId;
      const achieved = await writer.write({ firstId, total, rate });
      nextId += total;
      await waitApplied(sink, nextId - 1, 120_000);
      return { firstId, achieved };
    };
    for (const rate of RATES) {
      await writeApplied(Math.max(1, Math.round(rate * WARMUP_SECONDS)), rate);
      const total = rate * SECONDS;
      // The clock time lets a spike in the per-second line below be found in the JVMs' and the disk's own logs.
      console.log(`${rate}/s measured from ${new Date().toISOString()}`);
      const { firstId, achieved } = await writeApplied(total, rate);
      await new Promise((r) => setTimeout(r, 1000));
      const conn = sink.em.getConnection();
      const latencies = (
        await conn.execute(
          'select extract(epoch from applied_at) * 1000 - source_ts_ms as ms from bench_copy where id between ? and ? order by 1',
          [firstId, nextId - 1],
        )
      ).map((r) => Number(r.ms));
      const captureMs = (
        await conn.execute('select captured_ts_ms - source_ts_ms as ms from bench_copy where id between ? and ? order by 1', [firstId, nextId - 1])
      ).map((r) => Number(r.ms));
      const [counts] = await conn.execute(
        'select coalesce(sum(applications), 0)::int as effects, count(*)::int as distinct_ids from bench_copy where id between ? and ?',
        [firstId, nextId - 1],
      );
      rows.push({
        subject,
        scenario: `${rate}/s${cluster}`,
        changes: total,
        achievedPerSecond: Math.round(achieved),
        p50Ms: Math.round(quantile(latencies, 0.5)),
        p99Ms: Math.round(quantile(latencies, 0.99)),
        maxMs: Math.round(latencies.at(-1) ?? Number.NaN),
        // Source commit → Debezium: WAL decoding and the connector; the rest of p99Ms is Kafka and the consumer.
        captureP99Ms: Math.round(quantile(captureMs, 0.99)),
        loadAverage: Number(loadavg()[0]!.toFixed(1)),
        lost: total - Number(counts?.distinct_ids ?? 0),
        duplicated: Number(counts?.effects ?? 0) - Number(counts?.distinct_ids ?? 0),
      });
      console.log(JSON.stringify(rows.at(-1)));
      // Where the tail comes from: the worst latency of each second of the run (a stall shows as one spike), and the
      // worst capture (commit → Debezium) of that second after the slash: a spike with a small capture is Kafka or the
      // consumer's, one with a large capture is WAL decoding's or Debezium's.
      const perSecond = await conn.execute(
        `with run as (select * from bench_copy where id between ? and ?)
         select floor((source_ts_ms - (select min(source_ts_ms) from run)) / 1000)::int as s,
                max(extract(epoch from applied_at) * 1000 - source_ts_ms)::int as worst, max(captured_ts_ms - source_ts_ms)::int as capture
           from run group by 1 order by 1`,
        [firstId, nextId - 1],
      );
      console.log(`  worst ms per second (worst capture): ${perSecond.map((r) => `${r.worst}/${r.capture}`).join(' ')}`);
      console.log(`  load average after the scenario (1 min): ${loadavg()[0]!.toFixed(2)} on ${cpus().length} cpus`);
    }
  } finally {
    await writer.close();
    await consumer.stop();
    await removeTestConnector(connector, new URL('/postgres', sourceUrl).toString());
    await sink.close();
    await dropTestDatabase(sourceUrl);
    await dropTestDatabase(sinkUrl);
  }
  return rows;
}

/**
 * The rows of the other cluster size from the last report, kept beside this run's (one node and three cannot run
 * on the same ports at once), each with the run it comes from.
 */
function otherClusterRows(): BenchRow[] {
  const file = new URL('./results/cdc.json', import.meta.url);
  if (!existsSync(file)) return [];
  const last = JSON.parse(readFileSync(file, 'utf8')) as { ranAt: string; commit: string; rows: BenchRow[] };
  const isThreeNode = (r: BenchRow) => / on \d+ nodes$/.test(r.scenario);
  return last.rows
    .filter((r) => (NODES > 1 ? !isThreeNode(r) : isThreeNode(r)))
    .map((r) => ({ ...r, measuredAt: r['measuredAt'] ?? `${last.ranAt} (${last.commit.slice(0, 7)})` }));
}

/** Runs both subjects at every rate; fails (after writing the figures) if any change was lost or duplicated. */
export async function runCdcBenchmark(): Promise<void> {
  const rows: BenchRow[] = [];
  const only = process.env['CDC_BENCH_SUBJECTS']?.split(',') ?? (NODES > 1 ? ['ours'] : undefined);
  for (const s of subjects.filter((x) => !only || only.includes(x.subject))) rows.push(...(await measureSubject(s.subject, s.overrides)));
  writeBenchReport('cdc', NODES > 1 ? [...otherClusterRows(), ...rows] : [...rows, ...otherClusterRows()]);
  const broken = rows.filter((r) => r['lost'] !== 0 || r['duplicated'] !== 0);
  if (broken.length > 0) throw new Error(`changes lost or duplicated: ${JSON.stringify(broken)}`);
}
