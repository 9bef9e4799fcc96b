import { Migration } from '@mikro-orm/migrations';

/** Accounts and their devices; `on delete cascade` so deleting an account drops its tokens in the same statement. */
export class Migration20261125Initial extends Migration {
  override name = 'Migration20261125Initial';

  override up(): void {
    this.addSql(`create table app_user (
      id uuid primary key,
      email varchar(254) not null unique,
      password_hash varchar(200) not null,
      display_name varchar(40) not null,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`);
    this.addSql(`create table device (
      id uuid primary key,
      user_id uuid not null references app_user (id) on delete cascade,
      token varchar(4096) not null unique,
      platform text not null check (platform in ('ANDROID', 'IOS')),
      registered_at timestamptz not null
    )`);
    this.addSql('create index device_user_id_idx on device (user_id)');
  }

  override down(): void {
    this.addSql('drop table device');
    this.addSql('drop table app_user');
  }
}
