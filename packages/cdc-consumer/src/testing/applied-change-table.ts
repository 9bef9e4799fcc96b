/**
 * DDL of the table in which a consuming service records, per source row, the last change it applied; the
 * applier reads and writes it in the same transaction as the change's effect. Deleted keys keep their row,
 * so a late replay of an older insert stays dead. `snapshot_lsn` is the point of the connector snapshot the key's
 * state descends from (0 before any), which orders a snapshot read against changes of transactions that straddled
 * it (see applyParsed). `kafka_partition` is the partition the key's changes arrive on, so a snapshot's end in one
 * partition reconciles that partition's keys only (null for keys recorded before it was kept). Services paste this
 * text into their own migrations (a migration never changes once applied, so it must not import living code); tests
 * build sinks from here.
 */
export const appliedChangeTableSql = `create table cdc_applied_change (
  topic text not null,
  key text not null,
  lsn numeric(20, 0) not null,
  kafka_offset bigint not null,
  deleted boolean not null,
  snapshot_lsn numeric(20, 0) not null default 0,
  kafka_partition integer,
  applied_at timestamptz not null default now(),
  primary key (topic, key)
)`;
