import { Migration } from '@mikro-orm/migrations';

/**
 * Copies of other services' data this service targets notifications with, kept by CDC: each user's
 * devices (FCM tokens, from users) and current 동네인증 (from neighborhoods), so "everyone verified in
 * 역삼1동" is one local query. Plus the bookkeeping that makes applying changes idempotent.
 */
export class Migration20261126Copies extends Migration {
  override name = 'Migration20261126Copies';

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
    this.addSql(`create table device_copy (
      id uuid primary key,
      user_id uuid not null,
      token text not null,
      platform text not null,
      copied_at timestamptz not null default now()
    )`);
    this.addSql('create index device_copy_user_idx on device_copy (user_id)');
    this.addSql(`create table verification_copy (
      user_id uuid primary key,
      neighborhood_code char(10) not null,
      verified_at timestamptz not null,
      expires_at timestamptz not null,
      copied_at timestamptz not null default now()
    )`);
    // Who is verified in a 행정동 right now: an equality on code and a range on expiry.
    this.addSql('create index verification_copy_code_expires_idx on verification_copy (neighborhood_code, expires_at)');
  }

  override down(): void {
    this.addSql('drop table verification_copy');
    this.addSql('drop table device_copy');
    this.addSql('drop table cdc_applied_change');
  }
}
