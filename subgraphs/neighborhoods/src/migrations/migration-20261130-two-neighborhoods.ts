import { Migration } from '@mikro-orm/migrations';

/**
 * Up to two 동네 per user, each with its own 동네인증 (so the key becomes the pair), the GPS fix's accuracy, the
 * one the user chose as primary, and the accounts erased here (so nothing is written for them again).
 * Every existing row is touched at the end so CDC re-emits it under its new key for the copies downstream.
 */
export class Migration20261130TwoNeighborhoods extends Migration {
  override name = 'Migration20261130TwoNeighborhoods';

  override up(): void {
    this.addSql('alter table neighborhood_verification drop constraint neighborhood_verification_pkey');
    this.addSql('alter table neighborhood_verification add primary key (user_id, neighborhood_code)');
    this.addSql('alter table neighborhood_verification add column accuracy_meters real null check (accuracy_meters > 0)');
    this.addSql('alter table neighborhood_verification add column is_primary boolean not null default true');
    this.addSql('alter table neighborhood_verification alter column is_primary drop default');
    // At most one primary 동네 per user; the service keeps exactly one while the user has any.
    this.addSql('create unique index neighborhood_verification_one_primary_idx on neighborhood_verification (user_id) where is_primary');
    this.addSql(`create table erased_user (
      user_id uuid primary key,
      erased_at timestamptz not null default now()
    )`);
    this.addSql('update neighborhood_verification set verified_at = verified_at');
  }

  override down(): void {
    this.addSql('drop table erased_user');
    this.addSql('drop index neighborhood_verification_one_primary_idx');
    this.addSql('delete from neighborhood_verification where not is_primary');
    this.addSql('alter table neighborhood_verification drop column is_primary');
    this.addSql('alter table neighborhood_verification drop column accuracy_meters');
    this.addSql('alter table neighborhood_verification drop constraint neighborhood_verification_pkey');
    this.addSql('alter table neighborhood_verification add primary key (user_id)');
  }
}
