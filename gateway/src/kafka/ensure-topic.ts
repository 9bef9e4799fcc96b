import type { Kafka } from 'kafkajs';

/**
 * Creates `topic` with the broker's defaults when it does not exist yet. Debezium creates a table's topic with the
 * table's first change; creating it up front lets the gateway subscribe before that.
 */
export async function ensureTopic(kafka: Kafka, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) await admin.createTopics({ topics: [{ topic }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}
