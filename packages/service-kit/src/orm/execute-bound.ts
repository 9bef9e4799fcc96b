import { CompiledQuery, type Kysely } from 'kysely';
import type { EntityManager } from '@mikro-orm/postgresql';

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
export async function executeBound<T = Record<string, unknown>>(em: EntityManager, sql: string, parameters: readonly unknown[]): Promise<T[]> {
  const transaction = em.getTransactionContext<Kysely<unknown>>();
  if (transaction) return (await transaction.executeQuery<T>(CompiledQuery.raw(sql, [...parameters]))).rows;
  const pool = await em.getConnection().getNativeClient();
  return (await pool.query(sql, [...parameters])).rows as T[];
}
