import { Migration } from '@mikro-orm/migrations';
import { appliedChangeTableSql } from '@petcare/cdc-consumer';

/**
 * The users this service verifies, copied from the users service by CDC (topic users.public.app_user),
 * and the bookkeeping that makes applying those changes idempotent.
 */
export class Migration20261126UserCopy extends Migration {
  override name = 'Migration20261126UserCopy';

  override up(): void {
    this.addSql(appliedChangeTableSql);
    this.addSql(`create table user_copy (
      id uuid primary key,
      display_name text not null,
      copied_at timestamptz not null default now()
    )`);
  }

  override down(): void {
    this.addSql('drop table user_copy');
    this.addSql('drop table cdc_applied_change');
  }
}
