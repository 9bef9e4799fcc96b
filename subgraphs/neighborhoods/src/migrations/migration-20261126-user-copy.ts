import { Migration } from '@mikro-orm/migrations';

/**
 * The users this service verifies, copied from the users service by CDC (topic users.public.app_user),
 * and the bookkeeping that makes applying those changes idempotent.
 */
export class Migration20261126UserCopy extends Migration {
  override name = 'Migration20261126UserCopy';

  override up(): void {
    this.addSql(`create table cdc_applied_change (
      topic text not null,
      key text not null,
      lsn numeric(20, 0) not null,
      kafka_offset bigint not null,
      deleted boolean not null,
      applied_at timestamptz not null default now(),
      primary key (topic, key)
    )`);
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
