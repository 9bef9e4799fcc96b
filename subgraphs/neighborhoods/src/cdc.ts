import { buildServiceConsumer, type CdcConsumer } from '@petcare/cdc-consumer';
import { systemTopics } from '@petcare/cdc';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@petcare/service-kit';
import type { NeighborhoodsConfig } from './config.ts';
import { accountHandler } from './modules/account/account.handler.ts';

/** The consumer that erases deleted accounts' 동네인증, or null without brokers. */
export function buildCdcConsumer(config: NeighborhoodsConfig, orm: MikroORM, log: Logger): CdcConsumer | null {
  const topics = systemTopics(config.CDC_TOPIC_NAMESPACE);
  const handlers = [accountHandler(topics.users)];
  const staleWithoutKafka = 'deleted accounts will not have their 동네인증 erased here';
  return buildServiceConsumer({ brokers: config.KAFKA_BROKERS, ...topics.consumer('neighborhoods'), handlers, orm, log, staleWithoutKafka });
}
