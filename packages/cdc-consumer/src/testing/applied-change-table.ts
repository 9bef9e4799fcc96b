/**
 * DDL of the table in which a consuming service records, per source row, the last change it applied; the
 * applier reads and writes it in the same transaction as the change's effect. Deleted keys keep their row,
 * so a late replay of an older insert stays dead. Services paste this text into their own migrations (a
 * migration never changes once applied, so it must not import living code); tests build sinks from here.
 */
export const appliedChangeTableSql = `create table cdc_applied_change (
  topic text not null,
  key text not null,
  lsn numeric(20, 0) not null,
  kafka_offset bigint not null,
  deleted boolean not null,
  applied_at timestamptz not null default now(),
  primary key (topic, key)
)`;
