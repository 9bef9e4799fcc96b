import type { Kafka } from 'kafkajs';

/** A topic a reader needs, and whether it holds a table's changes (then compacted: the table's state). */
export interface NeededTopic {
  topic: string;
  /** A change topic: compacted, so it keeps every key's latest change and a tombstone means the key is gone. */
  changes: boolean;
}

/**
 * Creates the topics that do not exist yet, so a reader can start before Debezium (or a producer) creates them with
 * the first message; change topics are created compacted, as the connectors' `topic.creation.*` would
 * (cdc/README.md, "Topic settings"; `cdc.sh register` aligns the rest of their settings). No replication factor is
 * given: the cluster's `default.replication.factor` and `min.insync.replicas` apply (1 on one node, 3 and 2 on the
 * three of `cdc.sh start --ha`), the same as for the topics Debezium creates.
 */
export async function createMissingTopics(kafka: Kafka, needed: readonly NeededTopic[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = needed.filter((t) => !existing.has(t.topic));
    if (missing.length === 0) return;
    await admin.createTopics({
      topics: missing.map(({ topic, changes }) => ({
        topic,
        ...(changes ? { configEntries: [{ name: 'cleanup.policy', value: 'compact' }] } : {}),
      })),
      waitForLeaders: true,
    });
  } finally {
    await admin.disconnect();
  }
}
