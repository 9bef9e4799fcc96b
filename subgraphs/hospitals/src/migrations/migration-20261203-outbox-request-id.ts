import { Migration } from '@mikro-orm/migrations';

/**
 * The client request that caused an outbox event (an operator's confirmation): the hospitals-cdc connector's
 * EventRouter places it in the Kafka message's `requestId` header, so one id follows a mutation from the gateway
 * into the consumers' logs. Null for events no request caused (a register import run from the command line).
 */
export class Migration20261203OutboxRequestId extends Migration {
  override name = 'Migration20261203OutboxRequestId';

  override up(): void {
    this.addSql('alter table outbox_event add column request_id text');
  }

  override down(): void {
    this.addSql('alter table outbox_event drop column request_id');
  }
}
