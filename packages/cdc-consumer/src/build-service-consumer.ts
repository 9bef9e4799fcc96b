import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { CdcConsumer } from './cdc-consumer.ts';
import type { AnyChangeHandler } from './change-handler.ts';
import type { AnyEventHandler } from './event-handler.ts';

/** What a consuming service says about itself to get its consumer. */
export interface ServiceConsumerOptions {
  /** Brokers from the service's config; unset means "run without CDC" (and say what goes stale). */
  brokers: string[] | undefined;
  /** The service's consumer group: one per service, so each service sees every change once. */
  groupId: string;
  /** Where the service's poison messages go. */
  deadLetterTopic: string;
  handlers: (AnyChangeHandler | AnyEventHandler)[];
  orm: MikroORM;
  log: Logger;
  /** What goes stale without Kafka, for the warning logged when KAFKA_BROKERS is unset. */
  staleWithoutKafka: string;
}

/** The consumer that keeps a service's copies of other services' data, or null (with a warning) without brokers. */
export function buildServiceConsumer(options: ServiceConsumerOptions): CdcConsumer | null {
  if (!options.brokers) {
    options.log.warn(`KAFKA_BROKERS is not set: ${options.staleWithoutKafka}`);
    return null;
  }
  return new CdcConsumer({
    brokers: options.brokers,
    groupId: options.groupId,
    deadLetterTopic: options.deadLetterTopic,
    handlers: options.handlers,
    orm: options.orm,
    log: options.log.child({ component: 'cdc' }),
  });
}
