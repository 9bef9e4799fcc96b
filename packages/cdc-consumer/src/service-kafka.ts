import { Kafka, logLevel } from 'kafkajs';
import type { Logger } from 'pino';
import { kafkaLogCreator } from './kafka-log-creator.ts';

/** The retries of serviceKafka's client; a consumer must be given them again (kafkajs's consumer defaults to 5). */
export const SERVICE_KAFKA_RETRY = { initialRetryTime: 300, retries: 10 };

/**
 * The Kafka client of a long-running service process (a CDC consumer, the gateway's alert feed): kafkajs's logging
 * in the service's logger, and retries that ride out a broker restart (~30 s of attempts, starting fast) instead of
 * kafkajs's default of giving up after about 5 s.
 */
export function serviceKafka(options: {
  clientId: string;
  brokers: string[];
  log: Logger;
  /** Sees each kafkajs log entry first (see kafkaLogCreator). */
  watch?: (message: string, extra: Record<string, unknown>) => void;
}): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(options.log, options.watch),
    retry: SERVICE_KAFKA_RETRY,
  });
}
