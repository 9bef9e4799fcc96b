import { Migration } from '@mikro-orm/migrations';

/**
 * Stored alerts. No foreign key to users: accounts live in another database.
 * `created_at` has millisecond precision so page cursors (built from JS Dates) compare exactly.
 */
export class Migration20261126Alerts extends Migration {
  override name = 'Migration20261126Alerts';

  override up(): void {
    this.addSql(`create table alert (
      id uuid primary key,
      user_id uuid not null,
      kind text not null check (kind in ('VERIFICATION_EXPIRING', 'VERIFICATION_EXPIRED', 'NEIGHBORHOOD_NOTICE', 'HOSPITAL_UPDATE', 'SYSTEM')),
      title text not null check (length(title) > 0),
      body text not null,
      data jsonb null check (data is null or jsonb_typeof(data) = 'object'),
      dedupe_key text null unique,
      created_at timestamptz(3) not null default now(),
      read_at timestamptz(3) null
    )`);
    // Serves both the keyset pages (newest first, id breaking ties) and the per-user total count.
    this.addSql('create index alert_user_created_idx on alert (user_id, created_at desc, id desc)');
    // The unread badge is asked on every app start; only unread rows live in this index, so it stays small.
    this.addSql('create index alert_user_unread_idx on alert (user_id) where read_at is null');
  }

  override down(): void {
    this.addSql('drop table alert');
  }
}
