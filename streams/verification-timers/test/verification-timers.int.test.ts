import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { systemTopics } from '@petcare/cdc';
import { waitUntil } from '@petcare/service-kit/testing';
import { testBrokers } from '@petcare/cdc/connect';
import { readReminders, type SeenReminder } from './fixtures/reminder-reader.ts';
import { startTimersInstance, type TimersInstance } from './fixtures/timers-instance.ts';
import { verificationChange, verificationKey } from './fixtures/verification-change.ts';

// Two instances of the app share the work on a real broker; one is SIGKILLed while its timers fall due.
// Every reminder must still reach a read_committed reader exactly once: the survivor takes the dead one's
// tasks over from their changelogs, and the dead one's open transaction is aborted, never half-visible.
const buildScript = fileURLToPath(new URL('../build.sh', import.meta.url));
const ns = `test_timers_${randomBytes(3).toString('hex')}_`;
const topics = systemTopics(ns);
const deadLetters = topics.consumer('verification-timers').deadLetterTopic;
const KEYS = 300;
const DELETED = 30;
const PARTITIONS = 3;
const LEAD_MS = 20_000;
const kafka = new Kafka({ clientId: `${ns}test`, brokers: testBrokers, logLevel: logLevel.NOTHING });
const admin = kafka.admin();

const committed: SeenReminder[] = [];
const uncommitted: SeenReminder[] = [];
const readers: Consumer[] = [];
let instances: TimersInstance[] = [];

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? NaN;

beforeAll(async () => {
  execFileSync('bash', [buildScript], { stdio: 'inherit', timeout: 300_000 });
  await admin.connect();
  const env = {
    KAFKA_BROKERS: testBrokers.join(','),
    CDC_TOPIC_NAMESPACE: ns,
    TIMERS_EXPIRING_LEAD: `PT${LEAD_MS / 1000}S`,
    TIMERS_TOPIC_PARTITIONS: String(PARTITIONS),
    LOG_LEVEL: 'info',
  };
  instances = await Promise.all(['a', 'b'].map((name) => startTimersInstance(name, env)));
  await waitUntil(
    'both instances RUNNING with the three tasks shared between them',
    async () => {
      const health = await Promise.all(instances.map((i) => i.health()));
      const active = health.flatMap((h) => (h?.state === 'RUNNING' ? h.activeTasks : []));
      return health.every((h) => h?.state === 'RUNNING' && h.activeTasks.length > 0) && new Set(active).size === PARTITIONS;
    },
    90_000,
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n${instances.map((i) => `--- ${i.name}\n${i.output.slice(-30).join('\n')}`).join('\n')}`);
  });
  readers.push(await readReminders(kafka, `${ns}reader-committed`, topics.verificationReminders, committed));
  readers.push(await readReminders(kafka, `${ns}reader-uncommitted`, topics.verificationReminders, uncommitted, true));
}, 240_000);

afterAll(async () => {
  await Promise.all(readers.map((r) => r.disconnect()));
  await Promise.all(instances.map((i) => i.stop()));
  const ours = (await admin.listTopics()).filter((t) => t.startsWith(ns));
  if (ours.length > 0) await admin.deleteTopics({ topics: ours });
  // One by one: a group that is already gone must not keep the others. The app leaves its group on close.
  for (const group of ['verification-timers', 'reader-committed', 'reader-uncommitted', 'reader-dlq']) {
    await admin
      .deleteGroups([`${ns}${group}`])
      .catch((error: Error) => console.warn(`[timers] group ${ns}${group} not deleted: ${error.message}`));
  }
  await admin.disconnect();
}, 120_000);

describe('verification-timers on a real broker, two instances, one killed', () => {
  it('delivers every reminder exactly once to read_committed readers when an instance is SIGKILLed while timers are due', async () => {
    const metadata = await admin.fetchTopicMetadata({ topics: [topics.verifications, topics.verificationReminders] });
    expect(metadata.topics.map((t) => t.partitions.length)).toEqual([PARTITIONS, PARTITIONS]);

    // "Expiring" reminders fall due between +6 s and +10 s, "expired" ones 20 s later; the kill is at +8 s.
    const t0 = Date.now();
    const keys = Array.from({ length: KEYS }, (_, i) => ({
      userId: randomUUID(),
      code: String(1_100_000_000 + i),
      partition: i % PARTITIONS,
      expiresAt: t0 + 6_000 + Math.floor((i * 4_000) / KEYS) + LEAD_MS,
    }));
    const messages = keys.flatMap((k, i) => {
      const key = verificationKey(k.userId, k.code);
      const created = { key, partition: k.partition, value: verificationChange('c', k.userId, k.code, k.expiresAt) };
      // A redelivery or re-snapshot of the same row must not fire twice; a deleted row must not fire at all.
      if (i < DELETED)
        return [
          created,
          { key, partition: k.partition, value: verificationChange('d', k.userId, k.code, k.expiresAt) },
          { key, partition: k.partition, value: null },
        ];
      return [created, { key, partition: k.partition, value: verificationChange('r', k.userId, k.code, k.expiresAt) }];
    });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: topics.verifications,
      messages: [...messages, { key: Buffer.from('{"id":1}'), partition: 0, value: Buffer.from('not a change') }],
    });
    await producer.disconnect();
    const expected = new Set(
      keys
        .slice(DELETED)
        .flatMap((k) => ['EXPIRING', 'EXPIRED'].map((kind) => `VERIFICATION_${kind}:${k.userId}:${k.code}:${k.expiresAt}`)),
    );
    const partitionOf = new Map<string, number>(keys.map((k) => [k.userId, k.partition]));

    await new Promise((r) => setTimeout(r, Math.max(0, t0 + 8_000 - Date.now())));
    const health = await Promise.all(instances.map((i) => i.health()));
    const victimIndex = (health[0]?.activeTasks.length ?? 0) >= (health[1]?.activeTasks.length ?? 0) ? 0 : 1;
    const victim = instances[victimIndex]!;
    const survivor = instances[1 - victimIndex]!;
    const orphaned = new Set(health[victimIndex]!.activeTasks.map((task) => Number(task.split('_')[1])));
    // The hardest moment: right after the victim logged a batch of reminders it has just handed to its producer,
    // before the transaction holding them (and the timers' deletion, and the input offsets) commits.
    const lastBatch = await victim.nextLine(/task 0_\d+: emitted/, 2_000);
    const killedAt = Date.now();
    await victim.kill();
    const firedBeforeKill = committed.length;

    await waitUntil(`all ${expected.size} reminders read`, async () => new Set(committed.map((s) => s.id)).size >= expected.size, 90_000);
    // Long enough for a duplicate to show up, had the survivor re-fired anything the victim had committed.
    await new Promise((r) => setTimeout(r, 3_000));

    const ids = committed.map((s) => s.id);
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
    const missing = [...expected].filter((id) => !ids.includes(id));
    const unexpected = ids.filter((id) => !expected.has(id));
    const takenOver = committed.filter((s) => orphaned.has(partitionOf.get(s.userId)!) && s.emittedAt > killedAt);
    const lateness = committed.map((s) => s.observedAt - s.dueAt);
    const takeover = Math.min(...takenOver.map((s) => s.observedAt)) - killedAt;
    const steady = committed
      .filter((s) => s.dueAt < killedAt - 1_000 || s.dueAt > killedAt + takeover + 1_000)
      .map((s) => s.observedAt - s.dueAt);
    // Had the victim's last batch committed before the kill, its reminders carry the victim's emission time;
    // if not, the survivor fired them again after taking over (and readers saw them once either way).
    const [, batchTask, batchFrom, batchTo] = /task 0_(\d+): emitted .* due (\S+) \.\. (\S+);/.exec(lastBatch ?? '') ?? [];
    const batch = committed.filter(
      (s) => partitionOf.get(s.userId) === Number(batchTask) && s.dueAt >= Date.parse(batchFrom!) && s.dueAt <= Date.parse(batchTo!),
    );
    const report = {
      reminders: committed.length,
      expected: expected.size,
      duplicates: duplicates.length,
      missing: missing.length,
      readBeforeKill: firedBeforeKill,
      abortedEmissionsSeenUncommitted: uncommitted.length - committed.length,
      killed: `${victim.name} (tasks ${[...orphaned].map((p) => `0_${p}`).join(',')})`,
      victimLastBatch: {
        task: `0_${batchTask}`,
        reminders: batch.length,
        refiredBySurvivor: batch.filter((s) => s.emittedAt > killedAt).length,
      },
      takeoverFirstEmitMs: Math.min(...takenOver.map((s) => s.emittedAt)) - killedAt,
      takeoverFirstVisibleMs: takeover,
      latenessMs: { p50: percentile(lateness, 50), p99: percentile(lateness, 99), max: Math.max(...lateness) },
      latenessAwayFromTheKillMs: { p50: percentile(steady, 50), p99: percentile(steady, 99), max: Math.max(...steady) },
    };
    console.log(
      `[timers] ${JSON.stringify(report)}\n[timers] survivor ${survivor.name}'s state changes:\n${survivor.output
        .filter((l) => / state \S+ -> /.test(l))
        .join('\n')}`,
    );

    expect(duplicates).toEqual([]);
    expect(missing).toEqual([]);
    expect(unexpected).toEqual([]);
    expect(takenOver.length).toBeGreaterThan(0);
    expect(committed.filter((s) => s.header !== s.id || s.key !== s.userId)).toEqual([]);

    const dead: string[] = [];
    const dlqReader = kafka.consumer({ groupId: `${ns}reader-dlq` });
    readers.push(dlqReader);
    await dlqReader.connect();
    await dlqReader.subscribe({ topic: deadLetters, fromBeginning: true });
    await dlqReader.run({ eachMessage: async ({ message }) => void dead.push(String(message.headers?.['dlq.reason'])) });
    await waitUntil('the unreadable change in the dead-letter topic', async () => dead.length > 0, 30_000);
    expect(dead).toEqual([expect.stringContaining('key.user_id is not a uuid')]);
  }, 150_000);
});
