import { Migration } from '@mikro-orm/migrations';

/**
 * Refresh tokens: stored only as their SHA-256 (a database leak signs nobody in), in families, one per sign-in. Each
 * use spends the token (`used_at`) and issues the next of its family; a spent token shown again revokes the family.
 * They go with the account (cascade) and are not copied anywhere (the users-cdc connector lists its tables).
 */
export class Migration20261202RefreshTokens extends Migration {
  override name = 'Migration20261202RefreshTokens';

  override up(): void {
    this.addSql(`create table refresh_token (
      id uuid primary key,
      user_id uuid not null references app_user (id) on delete cascade,
      family_id uuid not null,
      token_hash char(64) not null unique,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz,
      revoked_at timestamptz
    )`);
    this.addSql('create index refresh_token_family on refresh_token (family_id)');
    this.addSql('create index refresh_token_user on refresh_token (user_id)');
  }

  override down(): void {
    this.addSql('drop table refresh_token');
  }
}
