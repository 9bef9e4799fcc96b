import { Migration } from '@mikro-orm/migrations';

/** The ids of events this service has applied (rejected device tokens from alerts), so none applies twice. */
export class Migration20261201ProcessedEvents extends Migration {
  override name = 'Migration20261201ProcessedEvents';

  override up(): void {
    this.addSql(`create table cdc_processed_event (
      topic text not null,
      event_id text not null,
      processed_at timestamptz not null default now(),
      primary key (topic, event_id)
    )`);
  }

  override down(): void {
    this.addSql('drop table cdc_processed_event');
  }
}
