import { buildServiceConsumer, type CdcConsumer } from '@petcare/cdc-consumer';
import { systemTopics } from '@petcare/cdc';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@petcare/service-kit';
import type { AlertsConfig } from './config.ts';
import { accountHandler } from './modules/account/account.handler.ts';
import { deviceCopy } from './modules/device/device.copy.ts';
import { verificationCopy } from './modules/verification/verification.copy.ts';

/** The consumer that keeps the device and 동네인증 copies in step, or null without brokers. */
export function buildCdcConsumer(config: AlertsConfig, orm: MikroORM, log: Logger): CdcConsumer | null {
  const topics = systemTopics(config.CDC_TOPIC_NAMESPACE);
  const handlers = [accountHandler(topics.users), deviceCopy(topics.devices), verificationCopy(topics.verifications)];
  const staleWithoutKafka = 'device and 동네인증 copies will not update and deleted accounts will not be erased here';
  return buildServiceConsumer({ brokers: config.KAFKA_BROKERS, ...topics.consumer('alerts'), handlers, orm, log, staleWithoutKafka });
}
