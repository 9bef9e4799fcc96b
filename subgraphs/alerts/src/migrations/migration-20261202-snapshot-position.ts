import { Migration } from '@mikro-orm/migrations';

/**
 * The snapshot point each applied change descends from (`@petcare/cdc-consumer`'s applier): without it, a source
 * transaction that straddled a connector snapshot had its changes taken for already applied, and the copy stayed
 * stale for good. 0 for rows applied before: they behave as before.
 */
export class Migration20261202SnapshotPosition extends Migration {
  override name = 'Migration20261202SnapshotPosition';

  override up(): void {
    this.addSql('alter table cdc_applied_change add column snapshot_lsn numeric(20, 0) not null default 0');
  }

  override down(): void {
    this.addSql('alter table cdc_applied_change drop column snapshot_lsn');
  }
}
