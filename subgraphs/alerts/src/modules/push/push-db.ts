import pg from 'pg';
import type { Logger } from '@petcare/service-kit';

/** What the push worker needs of PostgreSQL: parameterised statements, and a transaction now and then. */
export interface PushDb {
  rows<T>(sql: string, params?: unknown[]): Promise<T[]>;
  transaction<T>(fn: (db: PushDb) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * The worker's own small pool, with `$n` bind parameters. Each batch ships its 500 outcomes as one JSON
 * parameter: the ORM's `execute` inlines parameters into the SQL text, escaping them character by
 * character, which the fcm bench's profile showed at a tenth of the worker's CPU; a bind parameter goes
 * to PostgreSQL as it is.
 */
export function pushDb(databaseUrl: string, max: number, log: Logger): PushDb {
  const pool = new pg.Pool({ connectionString: databaseUrl, max, application_name: 'alerts-push' });
  // An idle connection that PostgreSQL closes (a restart, an administrator) is an 'error' event on the pool; unheard, it
  // would end the process. The pool opens another on the next query.
  pool.on('error', (error) => log.warn({ err: error }, 'an idle PostgreSQL connection of the push worker was closed'));
  const over = (client: pg.Pool | pg.PoolClient): PushDb => ({
    rows: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
    transaction: async <T>(fn: (db: PushDb) => Promise<T>) => {
      if (!(client instanceof pg.Pool)) return fn(over(client));
      const c = await client.connect();
      try {
        await c.query('begin');
        const result = await fn(over(c));
        await c.query('commit');
        return result;
      } catch (error) {
        await c.query('rollback').catch(() => {});
        throw error;
      } finally {
        c.release();
      }
    },
    close: () => pool.end(),
  });
  return over(pool);
}
