/**
 * DDL of the table in which a service consuming event topics records the id of every event it applied, in the
 * same transaction as the effect; a redelivered event finds its id and does nothing. Services paste this text
 * into their own migrations (a migration never changes once applied); tests build sinks from here.
 */
export const processedEventTableSql = `create table cdc_processed_event (
  topic text not null,
  event_id text not null,
  processed_at timestamptz not null default now(),
  primary key (topic, event_id)
)`;
