import { Migration } from '@mikro-orm/migrations';

/**
 * The transactional outbox (cdc/README.md): events written in the same transaction as the change they report,
 * read from the WAL by the hospitals-cdc connector and routed by Debezium's EventRouter to
 * `outbox.event.<aggregatetype>`. Column names are the EventRouter's defaults. Rows are deleted in the transaction
 * that inserts them: the insert is already in the WAL, which is what Debezium reads, and an empty table needs no
 * clean-up job (EventRouter drops the deletes).
 */
export class Migration20261201Outbox extends Migration {
  override name = 'Migration20261201Outbox';

  override up(): void {
    this.addSql(`create table outbox_event (
      id uuid primary key,
      aggregatetype text not null,
      aggregateid text not null,
      type text not null,
      payload jsonb not null,
      created_at timestamptz not null default now()
    )`);
  }

  override down(): void {
    this.addSql('drop table outbox_event');
  }
}
