import { Migration } from '@mikro-orm/migrations';

/**
 * The request id of the last change of each 동네인증 (cdc/README.md, "Request ids in Kafka headers").
 * Every insert and update stamps the row with the client request that wrote it: the trigger copies the setting
 * `petcare.request_id`, which the service sets in each transaction a mutation runs (service-kit's
 * requestIdSessionPlugin), and the connector's RequestIdHeader transform puts the column in the change message's
 * `requestId` header. A row written outside a request (a seed, a CDC consumer, psql) gets null: the trigger
 * overwrites any value, so a stale id never outlives the change it belonged to.
 */
export class Migration20261203RequestId extends Migration {
  override name = 'Migration20261203RequestId';

  override up(): void {
    this.addSql(`create or replace function stamp_request_id() returns trigger language plpgsql as $$
      begin
        new.request_id := nullif(current_setting('petcare.request_id', true), '');
        return new;
      end $$`);
    this.addSql('alter table neighborhood_verification add column request_id text');
    this.addSql('create trigger neighborhood_verification_request_id before insert or update on neighborhood_verification for each row execute function stamp_request_id()');
  }

  override down(): void {
    this.addSql('drop trigger neighborhood_verification_request_id on neighborhood_verification');
    this.addSql('alter table neighborhood_verification drop column request_id');
    this.addSql('drop function stamp_request_id()');
  }
}
