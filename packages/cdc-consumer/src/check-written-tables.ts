import type { MikroORM } from '@mikro-orm/postgresql';
import type { AnyChangeHandler } from './change-handler.ts';
import type { AnyEventHandler } from './event-handler.ts';

/** The bookkeeping tables a consuming service's migrations create (see cdc/README.md): for change topics, for event topics. */
const appliedChanges = { table: 'cdc_applied_change', columns: ['topic', 'key', 'lsn', 'kafka_offset', 'deleted', 'snapshot_lsn', 'kafka_partition', 'applied_at'] };
const processedEvents = { table: 'cdc_processed_event', columns: ['topic', 'event_id', 'processed_at'] };

/**
 * Fails a consumer's start, naming the table and columns, when its database lacks what its handlers write:
 * migrations are fixed texts written apart from the declarations, and a mismatch found at start is one line
 * in a log instead of every change of a topic retried forever.
 */
export async function checkWrittenTables(orm: MikroORM, handlers: readonly (AnyChangeHandler | AnyEventHandler)[]): Promise<void> {
  const bookkeeping = [
    ...(handlers.some((h) => !('kind' in h)) ? [appliedChanges] : []),
    ...(handlers.some((h) => 'kind' in h) ? [processedEvents] : []),
  ];
  const wanted = [...bookkeeping, ...handlers.flatMap((h) => (h.writes ? [h.writes] : []))];
  const rows = await orm.em.getConnection().execute<{ table_name: string; column_name: string }[]>(
    `select table_name, column_name from information_schema.columns
      where table_schema = current_schema() and table_name = any(array[?]::text[])`,
    [wanted.map((w) => w.table)],
  );
  const present = new Set(rows.map((r) => `${r.table_name}.${r.column_name}`));
  const missing = wanted.flatMap((w) => w.columns.filter((c) => !present.has(`${w.table}.${c}`)).map((c) => `${w.table}.${c}`));
  if (missing.length > 0) throw new Error(`the database lacks what the CDC handlers write: ${missing.join(', ')} (a migration missing or out of step)`);
}
