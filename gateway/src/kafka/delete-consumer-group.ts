import type { Kafka } from 'kafkajs';
import type { Logger } from '@petcare/service-kit';

/**
 * Deletes a gateway process's own consumer group on a clean stop (each process reads from its own group). Best effort:
 * an abandoned group expires with its offsets, so a failure is only logged.
 */
export async function deleteConsumerGroup(kafka: Kafka, groupId: string, log: Logger): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.deleteGroups([groupId]);
  } catch (error) {
    log.warn({ err: error, groupId }, 'could not delete this gateway process consumer group; it expires with its offsets');
  } finally {
    await admin.disconnect();
  }
}
