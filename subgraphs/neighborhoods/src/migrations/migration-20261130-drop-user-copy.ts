import { Migration } from '@mikro-orm/migrations';

/** `user_copy` had no reader: this service needs only to learn of deleted accounts, which needs no copy of them. */
export class Migration20261130DropUserCopy extends Migration {
  override name = 'Migration20261130DropUserCopy';

  override up(): void {
    this.addSql('drop table user_copy');
  }

  override down(): void {
    this.addSql(`create table user_copy (
      id uuid primary key,
      display_name text not null,
      copied_at timestamptz not null default now()
    )`);
  }
}
