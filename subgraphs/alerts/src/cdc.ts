import { buildServiceConsumer, type CdcConsumer } from '@petcare/cdc-consumer';
import { systemTopics } from '@petcare/cdc';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@petcare/service-kit';
import type { AlertsConfig } from './config.ts';
import { accountHandler } from './modules/account/account.handler.ts';
import { deviceCopy } from './modules/device/device.copy.ts';
import { verificationCopy } from './modules/verification/verification.copy.ts';
import { neighborhoodCopy } from './modules/neighborhood/neighborhood.copy.ts';
import { reminderHandler } from './modules/reminder/reminder.handler.ts';
import { hospitalNewsHandler } from './modules/hospital-news/hospital-news.handler.ts';

/** The consumer that keeps the device, 동네인증 and 행정동 copies in step and turns reminders and hospital news into alerts, or null without brokers. */
export function buildCdcConsumer(config: AlertsConfig, orm: MikroORM, log: Logger): CdcConsumer | null {
  const topics = systemTopics(config.CDC_TOPIC_NAMESPACE);
  const handlers = [
    accountHandler(topics.users),
    deviceCopy(topics.devices),
    verificationCopy(topics.verifications),
    neighborhoodCopy(topics.neighborhoods),
    reminderHandler(topics.verificationReminders),
    hospitalNewsHandler(topics.hospitalNews),
  ];
  const staleWithoutKafka = 'device and 동네인증 copies will not update, 동네인증 reminders and hospital news will not arrive and deleted accounts will not be erased here';
  return buildServiceConsumer({ brokers: config.KAFKA_BROKERS, ...topics.consumer('alerts'), handlers, orm, log, staleWithoutKafka });
}
