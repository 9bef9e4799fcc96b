import { buildServiceConsumer, type CdcConsumer } from '@petcare/cdc-consumer';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@petcare/service-kit';
import type { NeighborhoodsConfig } from './config.ts';
import { userCopyHandler } from './modules/user-copy/user-copy.handler.ts';

/** The consumer that keeps the copy of users in step, or null without brokers. */
export function buildCdcConsumer(config: NeighborhoodsConfig, orm: MikroORM, log: Logger): CdcConsumer | null {
  return buildServiceConsumer({
    service: 'neighborhoods',
    config,
    handlers: (topics) => [userCopyHandler(topics)],
    orm,
    log,
    staleWithoutKafka: 'copies of users will not update and deleted accounts will not be erased here',
  });
}
