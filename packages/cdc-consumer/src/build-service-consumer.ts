import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { CdcConsumer } from './cdc-consumer.ts';
import { systemTopics, type SystemTopics } from '@petcare/cdc';
import type { AnyCopyHandler } from './copy-handler.ts';

/** What a consuming service says about itself to get its consumer. */
export interface ServiceConsumerOptions {
  /** The service's name: its consumer group and dead-letter topic are named after it. */
  service: string;
  config: { KAFKA_BROKERS?: string[] | undefined; CDC_TOPIC_NAMESPACE: string };
  handlers: (topics: SystemTopics) => AnyCopyHandler[];
  orm: MikroORM;
  log: Logger;
  /** What goes stale without Kafka, for the warning logged when KAFKA_BROKERS is unset. */
  staleWithoutKafka: string;
}

/** The consumer that keeps a service's copies of other services' data, or null (with a warning) without brokers. */
export function buildServiceConsumer(options: ServiceConsumerOptions): CdcConsumer | null {
  const brokers = options.config.KAFKA_BROKERS;
  if (!brokers) {
    options.log.warn(`KAFKA_BROKERS is not set: ${options.staleWithoutKafka}`);
    return null;
  }
  const topics = systemTopics(options.config.CDC_TOPIC_NAMESPACE);
  return new CdcConsumer({
    brokers,
    groupId: topics.group(options.service),
    deadLetterTopic: topics.deadLetter(options.service),
    handlers: options.handlers(topics),
    orm: options.orm,
    log: options.log.child({ component: 'cdc' }),
  });
}
