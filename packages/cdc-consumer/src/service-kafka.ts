import { Kafka, logLevel } from 'kafkajs';
import type { Logger } from 'pino';
import { kafkaLogCreator } from './kafka-log-creator.ts';

/**
 * The retries of serviceKafka's client (a consumer must be given them again: kafkajs's consumer defaults to 5).
 * Every field is set because kafkajs's defaults differ under NODE_ENV=test (vitest's): there its attempts are at
 * most 1 s apart, so ten took ~9 s, while outside tests they double up to 30 s apart. Attempts at most 2 s apart,
 * about a minute of them: a partition whose leader died (~10 s until the controller fences the node) or a broker
 * restart is picked up within 2 s of coming back, in tests as in production.
 */
export const SERVICE_KAFKA_RETRY = { initialRetryTime: 300, maxRetryTime: 2_000, multiplier: 2, factor: 0.2, retries: 30 };

/**
 * What every long-running consumer of a service passes to `kafka.consumer()` beside its group: the client's retries
 * (above), and a 10 s group session instead of kafkajs's 30 s. When a node of three dies a partition's leadership takes
 * ~10 s to move; a consumer that restarts all the same rejoins as a new member, and its group waits out the old
 * member's session before anything is read again (40 s stalls in the HA fault tests with the defaults).
 */
export const SERVICE_CONSUMER_LIVENESS = { retry: SERVICE_KAFKA_RETRY, sessionTimeout: 10_000, heartbeatInterval: 3_000 } as const;

/**
 * The Kafka client of a long-running service process (a CDC consumer, the gateway's alert feed): kafkajs's logging
 * in the service's logger, and retries that ride out a broker restart or a lost node (about a minute of attempts,
 * starting fast) instead of kafkajs's default of giving up after about 5 s.
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
