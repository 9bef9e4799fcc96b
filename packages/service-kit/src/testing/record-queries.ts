import type { MikroORM } from '@mikro-orm/postgresql';

/** One SQL statement a service sent, with its parameters. */
export interface RecordedQuery {
  sql: string;
  params: unknown;
  /** Sent as a named prepared statement (executeBound's `prepared`). */
  prepared: boolean;
}

/**
 * Runs `fn` while recording every statement sent through the ORM's connection or straight on its pool (see
 * executeBound), so a test can assert batching ("one query per entity type per request") instead of trusting it.
 */
export async function recordQueries(orm: MikroORM, fn: () => Promise<unknown>): Promise<RecordedQuery[]> {
  const queries: RecordedQuery[] = [];
  const connection = orm.em.getConnection();
  const original = connection.execute.bind(connection);
  connection.execute = ((query: unknown, params?: unknown, ...rest: unknown[]) => {
    queries.push({ sql: String(query), params, prepared: false });
    return (original as (...args: unknown[]) => unknown)(query, params, ...rest);
  }) as typeof connection.execute;
  const pool = await connection.getNativeClient();
  const poolQuery = pool.query;
  pool.query = ((query: unknown, params?: unknown, ...rest: unknown[]) => {
    // executeBound sends a query config ({ text, values, name? }); pg also takes text and values apart.
    const config = typeof query === 'object' && query !== null && 'text' in query ? (query as { text: string; values?: unknown; name?: string }) : null;
    queries.push(config ? { sql: config.text, params: config.values, prepared: config.name !== undefined } : { sql: String(query), params, prepared: false });
    return (poolQuery as (...args: unknown[]) => unknown).call(pool, query, params, ...rest);
  }) as typeof pool.query;
  try {
    await fn();
  } finally {
    connection.execute = original;
    pool.query = poolQuery;
  }
  return queries;
}
