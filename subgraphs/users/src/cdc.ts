import { buildServiceConsumer, type CdcConsumer } from '@petcare/cdc-consumer';
import { systemTopics } from '@petcare/cdc';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@petcare/service-kit';
import type { UsersConfig } from './config.ts';
import { rejectedTokenHandler } from './modules/device/rejected-token.handler.ts';

/** The consumer that removes devices whose tokens FCM rejected, or null without brokers. */
export function buildCdcConsumer(config: UsersConfig, orm: MikroORM, log: Logger): CdcConsumer | null {
  const topics = systemTopics(config.CDC_TOPIC_NAMESPACE);
  const handlers = [rejectedTokenHandler(topics.deviceTokenEvents)];
  const staleWithoutKafka = 'devices whose FCM tokens are dead will not be removed';
  return buildServiceConsumer({ brokers: config.KAFKA_BROKERS, ...topics.consumer('users'), handlers, orm, log, staleWithoutKafka });
}
