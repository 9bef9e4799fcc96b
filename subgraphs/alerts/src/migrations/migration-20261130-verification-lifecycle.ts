import { Migration } from '@mikro-orm/migrations';

/**
 * What the 동네인증 lifecycle needs here: the copy keyed by (user, 행정동) now that a user holds up to two 동네
 * (emptied, with its bookkeeping, so it refills from the rows neighborhoods re-emits under the new key), the
 * names of the 행정동 for the reminders' text, the ids of events already turned into alerts, and the
 * accounts erased here (nothing is written for them again).
 */
export class Migration20261130VerificationLifecycle extends Migration {
  override name = 'Migration20261130VerificationLifecycle';

  override up(): void {
    this.addSql('truncate verification_copy');
    this.addSql("delete from cdc_applied_change where topic like '%neighborhoods.public.neighborhood_verification'");
    this.addSql('alter table verification_copy drop constraint verification_copy_pkey');
    this.addSql('alter table verification_copy add primary key (user_id, neighborhood_code)');
    this.addSql(`create table neighborhood_copy (
      code char(10) primary key,
      name text not null,
      district text not null,
      copied_at timestamptz not null default now()
    )`);
    this.addSql(`create table cdc_processed_event (
      topic text not null,
      event_id text not null,
      processed_at timestamptz not null default now(),
      primary key (topic, event_id)
    )`);
    this.addSql(`create table erased_user (
      user_id uuid primary key,
      erased_at timestamptz not null default now()
    )`);
  }

  override down(): void {
    this.addSql('drop table erased_user');
    this.addSql('drop table cdc_processed_event');
    this.addSql('drop table neighborhood_copy');
    this.addSql('truncate verification_copy');
    this.addSql('alter table verification_copy drop constraint verification_copy_pkey');
    this.addSql('alter table verification_copy add primary key (user_id)');
  }
}
