import { Migration } from '@mikro-orm/migrations';

/**
 * Roles an account holds beyond being a user (today only OPERATOR: curates hospital data, sends alerts). Granted
 * by `npm run operator`, never through the API; sign-in writes them into the access token. The check keeps
 * unknown roles out, so a typo in a hand-written UPDATE cannot invent a role.
 */
export class Migration20261201Roles extends Migration {
  override name = 'Migration20261201Roles';

  override up(): void {
    this.addSql(`alter table app_user add column roles text[] not null default '{}'
      constraint app_user_roles_known check (roles <@ array['OPERATOR']::text[])`);
  }

  override down(): void {
    this.addSql('alter table app_user drop column roles');
  }
}
