import { buildServiceConsumer, type CdcConsumer } from '@petcare/cdc-consumer';
import { systemTopics } from '@petcare/cdc';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@petcare/service-kit';
import type { HospitalsConfig } from './config.ts';
import { neighborhoodCopy } from './modules/neighborhood/neighborhood.copy.ts';

/** The consumer that keeps the copy of 행정동 boundaries (and so each hospital's 행정동) in step, or null without brokers. */
export function buildCdcConsumer(config: HospitalsConfig, orm: MikroORM, log: Logger): CdcConsumer | null {
  const topics = systemTopics(config.CDC_TOPIC_NAMESPACE);
  const handlers = [neighborhoodCopy(topics.neighborhoods)];
  const staleWithoutKafka = 'the copy of 행정동 boundaries will not update: hospitals stay untagged (Neighborhood.hospitals empty, news without a 행정동)';
  return buildServiceConsumer({ brokers: config.KAFKA_BROKERS, ...topics.consumer('hospitals'), handlers, orm, log, staleWithoutKafka });
}
