import { Kafka, logLevel } from 'kafkajs';
import { testBrokers } from './connect-settings.ts';

/** Deletes a test's topics from the test broker: those under its namespace, and its connectors' Debezium heartbeats. */
export async function deleteTestTopics(namespace: string): Promise<void> {
  const admin = new Kafka({ brokers: testBrokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(namespace) || t.startsWith(`__debezium-heartbeat.${namespace}`));
    if (mine.length > 0) await admin.deleteTopics({ topics: mine });
  } finally {
    await admin.disconnect();
  }
}
