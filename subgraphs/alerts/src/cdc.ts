import { buildServiceConsumer, type CdcConsumer } from '@petcare/cdc-consumer';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@petcare/service-kit';
import type { AlertsConfig } from './config.ts';
import { accountHandler } from './modules/account/account.handler.ts';
import { deviceCopyHandler } from './modules/device-copy/device-copy.handler.ts';
import { verificationCopyHandler } from './modules/verification-copy/verification-copy.handler.ts';

/** The consumer that keeps the device and 동네인증 copies in step, or null without brokers. */
export function buildCdcConsumer(config: AlertsConfig, orm: MikroORM, log: Logger): CdcConsumer | null {
  return buildServiceConsumer({
    service: 'alerts',
    config,
    handlers: (topics) => [accountHandler(topics), deviceCopyHandler(topics), verificationCopyHandler(topics)],
    orm,
    log,
    staleWithoutKafka: 'device and 동네인증 copies will not update and deleted accounts will not be erased here',
  });
}
