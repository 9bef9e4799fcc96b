import { CdcConsumer, cdcTopics } from '@petcare/cdc-consumer';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@petcare/service-kit';
import { userCopyHandler } from './modules/user-copy/user-copy.handler.ts';

/** The consumer that keeps this service's copies of other services' data, or null without brokers. */
export function buildCdcConsumer(
  config: { KAFKA_BROKERS?: string[] | undefined; CDC_TOPIC_NAMESPACE: string },
  orm: MikroORM,
  log: Logger,
): CdcConsumer | null {
  const brokers = config.KAFKA_BROKERS;
  if (!brokers) {
    log.warn('KAFKA_BROKERS is not set: copies of users will not update and deleted accounts will not be erased here');
    return null;
  }
  const topics = cdcTopics(config.CDC_TOPIC_NAMESPACE);
  return new CdcConsumer({
    brokers,
    groupId: topics.group('neighborhoods'),
    deadLetterTopic: topics.deadLetter('neighborhoods'),
    handlers: [userCopyHandler(topics)],
    orm,
    log: log.child({ component: 'cdc' }),
  });
}
