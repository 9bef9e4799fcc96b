import { Kafka, logLevel } from 'kafkajs';
import type { ConnectorFile } from './connector-file.ts';
import { SourceDatabase } from './source-database.ts';

/** One connector's source position as Kafka Connect stored it in its offsets topic. */
interface RecordedPosition {
  connector: string;
  /** The record's key and partition as Connect wrote them: a reset writes a null value under the same. */
  key: Buffer;
  partition: number;
  /** Debezium PostgreSQL's `lsn`: where streaming resumes. */
  lsn: bigint;
}

/** What the check found for one connector, and did. */
export interface PositionCheck {
  connector: string;
  outcome: 'in-step' | 'reset' | 'snapshot-without-position' | 'new';
  line: string;
}

/** The latest stored position per connector (Connect's offsets topic: key `["<connector>", {…partition}]`, JSON value). */
async function readRecordedPositions(kafka: Kafka, topic: string): Promise<Map<string, RecordedPosition>> {
  const admin = kafka.admin();
  await admin.connect();
  let ends: { partition: number; high: string; low: string }[];
  try {
    if (!(await admin.listTopics()).includes(topic)) return new Map();
    ends = await admin.fetchTopicOffsets(topic);
  } finally {
    await admin.disconnect();
  }
  const positions = new Map<string, RecordedPosition>();
  const pending = new Set(ends.filter((e) => BigInt(e.high) > BigInt(e.low)).map((e) => e.partition));
  if (pending.size === 0) return positions;
  const consumer = kafka.consumer({ groupId: `cdc-position-check-${process.pid}-${Date.now()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const key = message.key ? (JSON.parse(message.key.toString('utf8')) as unknown) : null;
            if (Array.isArray(key) && typeof key[0] === 'string') {
              const value = message.value ? (JSON.parse(message.value.toString('utf8')) as Record<string, unknown>) : null;
              if (value === null) positions.delete(key[0]);
              else if (value['lsn'] !== undefined) positions.set(key[0], { connector: key[0], key: message.key!, partition, lsn: BigInt(String(value['lsn'])) });
            }
            const end = ends.find((e) => e.partition === partition)!;
            if (BigInt(message.offset) + 1n >= BigInt(end.high)) pending.delete(partition);
            if (pending.size === 0) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return positions;
}

const hex = (lsn: bigint) => `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;

/**
 * Compares, before Kafka Connect starts its connectors, each connector's position stored in Kafka with its
 * replication slot in PostgreSQL. When the slot has moved past the stored position (another checkout or a
 * restored Kafka used the slot; PostgreSQL would silently start streaming at the slot's position and the changes
 * in between would be lost) or the slot is gone, the stored position is deleted, exactly as Connect's `DELETE
 * /connectors/<name>/offsets` does: the connector then takes a new snapshot (`snapshot.mode=when_needed`) and the
 * copies reconcile at its end. One line per connector that is not in step says what happened.
 */
export async function checkRecordedPositions(options: {
  brokers: string[];
  /** Connect's `offset.storage.topic`. */
  offsetsTopic: string;
  files: ConnectorFile[];
  postgresUrl?: string;
  log: (line: string) => void;
}): Promise<PositionCheck[]> {
  const kafka = new Kafka({ clientId: 'cdc-position-check', brokers: options.brokers, logLevel: logLevel.NOTHING });
  const positions = await readRecordedPositions(kafka, options.offsetsTopic);
  const checks: PositionCheck[] = [];
  const resets: RecordedPosition[] = [];
  for (const file of options.files) {
    if (!file.slot) continue;
    const db = new SourceDatabase(file.database, options.postgresUrl);
    const slot = await db.slotPosition(file.slot);
    const recorded = positions.get(file.name);
    const say = (outcome: PositionCheck['outcome'], line: string) => {
      checks.push({ connector: file.name, outcome, line });
      if (outcome !== 'in-step' && outcome !== 'new') options.log(line);
    };
    if (!recorded) {
      if (slot) {
        say(
          'snapshot-without-position',
          `${file.name}: Kafka holds no position for it but replication slot ${file.slot} exists (Kafka's data lost, or another checkout's slot): it takes a new snapshot and the copies reconcile at its end`,
        );
      } else {
        say('new', `${file.name}: new`);
      }
      continue;
    }
    if (slot && slot.confirmedFlushLsn <= recorded.lsn) {
      say('in-step', `${file.name}: in step (Kafka ${hex(recorded.lsn)}, slot ${hex(slot.confirmedFlushLsn)})`);
      continue;
    }
    resets.push(recorded);
    say(
      'reset',
      slot
        ? `${file.name}: its position in Kafka (${hex(recorded.lsn)}) is behind replication slot ${file.slot} (${hex(slot.confirmedFlushLsn)}): the changes in between are no longer on the server, so its stored offsets are reset, it takes a new snapshot and the copies reconcile at its end`
        : `${file.name}: replication slot ${file.slot} is gone while Kafka holds its position (${hex(recorded.lsn)}): its stored offsets are reset, it takes a new snapshot and the copies reconcile at its end`,
    );
  }
  if (resets.length > 0) {
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      await producer.send({ topic: options.offsetsTopic, acks: -1, messages: resets.map((r) => ({ key: r.key, value: null, partition: r.partition })) });
    } finally {
      await producer.disconnect();
    }
  }
  return checks;
}
