import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import type { MikroORM } from '@mikro-orm/postgresql';
import { headerText } from '@petcare/cdc';
import { keyText } from './apply-change.ts';
import { parseDebeziumChange, parseDebeziumKey } from './debezium-change.ts';

/** What re-driving one dead letter did. */
export interface RedriveResult {
  /** The dead letter's offset in the dead-letter topic. */
  offset: string;
  topic: string;
  key: string;
  outcome: 'applied' | 'superseded' | 'dead-lettered again' | 'not applied yet';
  detail: string;
}

/** Where the dead letters are, and the service database whose bookkeeping says what became of them. */
export interface RedriveOptions {
  brokers: string[];
  /** The service's consumer group (`<service>`); re-driven dead letters are committed under `<group>.redrive`. */
  groupId: string;
  deadLetterTopic: string;
  orm: MikroORM;
  /** How long to wait for the service's consumer to apply a re-produced message. */
  waitMs?: number;
  log: (line: string) => void;
}

interface Identity {
  /** Whether the service has already applied this or something newer, and what. */
  superseded(): Promise<string | null>;
  applied(): Promise<boolean>;
}


/**
 * Re-drives a service's dead letters once each: every message in `<service>.cdc.dlq` not re-driven before goes
 * back to its source topic, unless the service has applied the same or a newer change to that key meanwhile
 * (then it is `superseded`: re-producing it would be skipped by the LSN check anyway, silently). It then waits for
 * the service's own consumer to apply it, so the answer per message is what happened, not what was sent:
 * applied, superseded, dead-lettered again (with the new reason) or not applied yet (the service is not running).
 */
export async function redriveDeadLetters(options: RedriveOptions): Promise<RedriveResult[]> {
  const kafka = new Kafka({ clientId: `${options.groupId}.redrive`, brokers: options.brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  if (!(await admin.listTopics()).includes(options.deadLetterTopic)) {
    await admin.disconnect();
    options.log(`${options.deadLetterTopic} does not exist: no dead letters`);
    return [];
  }
  const ends = await admin.fetchTopicOffsets(options.deadLetterTopic);
  const committed = (await admin.fetchOffsets({ groupId: `${options.groupId}.redrive`, topics: [options.deadLetterTopic] }))[0]?.partitions ?? [];
  await admin.disconnect();
  const startOf = (partition: number) => {
    const c = committed.find((p) => p.partition === partition)?.offset;
    const low = ends.find((e) => e.partition === partition)!.low;
    return c && BigInt(c) >= 0n ? (BigInt(c) > BigInt(low) ? c : low) : low;
  };
  const todo = ends.filter((e) => BigInt(startOf(e.partition)) < BigInt(e.high));
  const letters: { partition: number; message: KafkaMessage }[] = [];
  if (todo.length > 0) {
    const reader = kafka.consumer({ groupId: `${options.groupId}.redrive` });
    await reader.connect();
    await reader.subscribe({ topic: options.deadLetterTopic, fromBeginning: true });
    const pending = new Set(todo.map((e) => e.partition));
    await new Promise<void>((resolve, reject) => {
      reader
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const end = BigInt(ends.find((e) => e.partition === partition)!.high);
            if (BigInt(message.offset) < end && BigInt(message.offset) >= BigInt(startOf(partition))) letters.push({ partition, message });
            if (BigInt(message.offset) + 1n >= end) pending.delete(partition);
            if (pending.size === 0) resolve();
          },
        })
        .catch(reject);
      for (const e of todo) reader.seek({ topic: options.deadLetterTopic, partition: e.partition, offset: startOf(e.partition) });
    });
    await reader.commitOffsets(todo.map((e) => ({ topic: options.deadLetterTopic, partition: e.partition, offset: e.high })));
    await reader.disconnect();
  }

  const db = options.orm.em.getConnection();
  const identify = (topic: string, message: KafkaMessage): Identity | null => {
    try {
      const change = parseDebeziumChange(message.value);
      if (change === null) return null;
      const key = keyText(parseDebeziumKey(message.key));
      const row = async () =>
        (await db.execute<{ lsn: string; snapshot_lsn: string }[]>(
          'select lsn::text as lsn, snapshot_lsn::text as snapshot_lsn from cdc_applied_change where topic = ? and key = ?',
          [topic, key],
        ))[0];
      return {
        superseded: async () => {
          const r = await row();
          if (!r) return null;
          const newest = BigInt(r.lsn) > BigInt(r.snapshot_lsn) ? BigInt(r.lsn) : BigInt(r.snapshot_lsn);
          return newest >= change.lsn ? `a change at lsn ${newest} to this key was applied since (this one: lsn ${change.lsn})` : null;
        },
        applied: async () => {
          const r = await row();
          return r !== undefined && BigInt(r.lsn) >= change.lsn;
        },
      };
    } catch {
      // Not a change event: an event with an id, whose processing is recorded by id.
    }
    try {
      const id = (JSON.parse(String(message.value)) as { id?: unknown }).id;
      if (typeof id !== 'string') return null;
      const processed = async () =>
        (await db.execute<{ n: number }[]>('select count(*)::int as n from cdc_processed_event where topic = ? and event_id = ?', [topic, id]))[0]!.n > 0;
      return { superseded: async () => ((await processed()) ? `event ${id} was processed since` : null), applied: processed };
    } catch {
      return null;
    }
  };

  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const watcher = kafka.consumer({ groupId: `${options.groupId}.redrive-watch-${process.pid}-${Date.now()}` });
  const againByKey = new Map<string, string>();
  await watcher.connect();
  await watcher.subscribe({ topic: options.deadLetterTopic, fromBeginning: false });
  // A new group starts at the end of the topic once it has joined: only dead letters written from then on count.
  const joined = new Promise<void>((resolve) => watcher.on(watcher.events.GROUP_JOIN, () => resolve()));
  void watcher.run({
    eachMessage: async ({ message }) => {
      againByKey.set(`${headerText(message, 'dlq.source.topic')}|${String(message.key)}|${String(message.value)}`, headerText(message, 'dlq.reason') ?? '');
    },
  });
  await joined;
  const results: RedriveResult[] = [];
  try {
    for (const { message } of letters) {
      const topic = headerText(message, 'dlq.source.topic') ?? '';
      const base = { offset: message.offset, topic, key: String(message.key) };
      const say = (r: RedriveResult) => {
        results.push(r);
        options.log(`${r.topic} ${r.key} (dead letter ${r.offset}): ${r.outcome}${r.detail ? ` — ${r.detail}` : ''}`);
      };
      if (!topic) {
        say({ ...base, outcome: 'dead-lettered again', detail: 'no dlq.source.topic header: cannot tell where it came from' });
        continue;
      }
      const identity = identify(topic, message);
      const superseded = await identity?.superseded();
      if (superseded) {
        say({ ...base, outcome: 'superseded', detail: `${superseded}; not re-produced` });
        continue;
      }
      await producer.send({ topic, acks: -1, messages: [{ key: message.key, value: message.value, headers: { 'redrive.dlq.offset': message.offset } }] });
      const deadline = Date.now() + (options.waitMs ?? 30_000);
      const againKey = `${topic}|${String(message.key)}|${String(message.value)}`;
      for (;;) {
        if (await identity?.applied()) {
          say({ ...base, outcome: 'applied', detail: '' });
          break;
        }
        const again = againByKey.get(againKey);
        if (again !== undefined) {
          say({ ...base, outcome: 'dead-lettered again', detail: again });
          break;
        }
        if (Date.now() >= deadline) {
          say({ ...base, outcome: 'not applied yet', detail: `re-produced to ${topic}; the service's consumer did not apply it within ${(options.waitMs ?? 30_000) / 1000}s (is it running?)` });
          break;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } finally {
    await watcher.disconnect();
    await producer.disconnect();
  }
  return results;
}
