import { createHash } from 'node:crypto';
import { CompiledQuery, type Kysely } from 'kysely';
import type { EntityManager } from '@mikro-orm/postgresql';

/** How executeBound sends a statement. */
export interface ExecuteBoundOptions {
  /**
   * Outside a transaction, send it as a named prepared statement: each pooled connection parses it once, and
   * PostgreSQL may then reuse one plan instead of planning every call (its `plan_cache_mode = auto` keeps planning
   * per call while a generic plan would cost more). For fixed hot reads only: a statement whose best plan depends
   * on its values must keep being planned with them. Seen with the hospital name search: for a common word the
   * generic plan's guess (a GIN bitmap scan, estimated 170) ran 3× slower than the custom plan (a scan of the
   * table, estimated 1,117), and the estimates are what PostgreSQL chooses by; the search is now prepared only
   * when every word is rare, where both plans are the same. Name the
   * columns: a prepared `select *` fails once a migration changes the table's row type under a running service.
   */
  prepared?: boolean;
}

// A name per statement text, so one name never stands for two texts on a connection (pg refuses that).
const names = new Map<string, string>();
function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `petcare_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    names.set(sql, name);
  }
  return name;
}

/**
 * Runs one SQL statement with real bind parameters (`$1`, `$2`…) and returns its rows: in the EntityManager's
 * transaction when it has one, otherwise straight on MikroORM's own `pg` pool (`getNativeClient`, same connections
 * and type parsers).
 *
 * Bound, for large values: `execute` inlines parameters, so a whole file as one JSON parameter is copied and escaped
 * in JavaScript and parsed by PostgreSQL as a literal (measured: 3 MB of JSON, about 1.2 s inlined, 0.3 s bound).
 * On the pool, for hot reads: going through Kysely (what `execute` and `find` do) left a fifth of the young heap
 * alive at every scavenge (`node --trace-gc-nvp`: new_space_survived), so each one took 9–12 ms instead of 0.6 ms
 * and landed on about one request in 60 — that was the p99 of the hospital and 행정동 lookups.
 */
export async function executeBound<T = Record<string, unknown>>(
  em: EntityManager,
  sql: string,
  parameters: readonly unknown[],
  options: ExecuteBoundOptions = {},
): Promise<T[]> {
  const transaction = em.getTransactionContext<Kysely<unknown>>();
  if (transaction) return (await transaction.executeQuery<T>(CompiledQuery.raw(sql, [...parameters]))).rows;
  const pool = await em.getConnection().getNativeClient();
  const query = options.prepared ? { name: statementName(sql), text: sql, values: [...parameters] } : { text: sql, values: [...parameters] };
  return (await pool.query(query)).rows as T[];
}
