import { Migration } from '@mikro-orm/migrations';

/**
 * Failed sign-ins counted per account and per client address (rate-limiter-flexible's Postgres store: its own
 * columns, created here rather than by the library so the migrations stay the one definition of the schema). Keys
 * are `account:<sha-256 of the e-mail>` and `address:<ip>`: no e-mail is stored, known or not.
 */
export class Migration20261202SignInLimits extends Migration {
  override name = 'Migration20261202SignInLimits';

  override up(): void {
    this.addSql(`create table sign_in_limit (
      key varchar(255) primary key,
      points integer not null default 0,
      expire bigint
    )`);
  }

  override down(): void {
    this.addSql('drop table sign_in_limit');
  }
}
