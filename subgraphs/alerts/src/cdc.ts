import { CdcConsumer, cdcTopics } from '@petcare/cdc-consumer';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@petcare/service-kit';
import { accountHandler } from './modules/account/account.handler.ts';
import { deviceCopyHandler } from './modules/device-copy/device-copy.handler.ts';
import { verificationCopyHandler } from './modules/verification-copy/verification-copy.handler.ts';

/** The consumer that keeps this service's copies of devices and 동네인증, or null without brokers. */
export function buildCdcConsumer(
  config: { KAFKA_BROKERS?: string[] | undefined; CDC_TOPIC_NAMESPACE: string },
  orm: MikroORM,
  log: Logger,
): CdcConsumer | null {
  const brokers = config.KAFKA_BROKERS;
  if (!brokers) {
    log.warn('KAFKA_BROKERS is not set: device and 동네인증 copies will not update and deleted accounts will not be erased here');
    return null;
  }
  const topics = cdcTopics(config.CDC_TOPIC_NAMESPACE);
  return new CdcConsumer({
    brokers,
    groupId: topics.group('alerts'),
    deadLetterTopic: topics.deadLetter('alerts'),
    handlers: [accountHandler(topics), deviceCopyHandler(topics), verificationCopyHandler(topics)],
    orm,
    log: log.child({ component: 'cdc' }),
  });
}
