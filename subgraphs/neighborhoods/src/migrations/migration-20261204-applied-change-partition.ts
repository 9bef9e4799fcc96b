import { Migration } from '@mikro-orm/migrations';

/**
 * The Kafka partition each applied change arrived on (`@petcare/cdc-consumer`'s applier): a snapshot's end in one
 * partition reconciles that partition's keys only, so a topic of several partitions (the 동네인증 topic) is reconciled
 * after a re-snapshot without removing keys whose reads are still on their way in another. Null for rows applied
 * before: on a topic of one partition they are reconciled as before; on more they get theirs with their next change,
 * or are reconciled once a snapshot has ended in every partition.
 */
export class Migration20261204AppliedChangePartition extends Migration {
  override name = 'Migration20261204AppliedChangePartition';

  override up(): void {
    this.addSql('alter table cdc_applied_change add column kafka_partition integer');
  }

  override down(): void {
    this.addSql('alter table cdc_applied_change drop column kafka_partition');
  }
}
