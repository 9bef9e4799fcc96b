import type { MikroORM } from '@mikro-orm/postgresql';

/** One SQL statement a service sent, with its parameters. */
export interface RecordedQuery {
  sql: string;
  params: unknown;
}

/**
 * Runs `fn` while recording every statement sent through the ORM's connection, so a test can assert
 * batching ("one query per entity type per request") instead of trusting it.
 */
export async function recordQueries(orm: MikroORM, fn: () => Promise<unknown>): Promise<RecordedQuery[]> {
  const queries: RecordedQuery[] = [];
  const connection = orm.em.getConnection();
  const original = connection.execute.bind(connection);
  connection.execute = ((query: unknown, params?: unknown, ...rest: unknown[]) => {
    queries.push({ sql: String(query), params });
    return (original as (...args: unknown[]) => unknown)(query, params, ...rest);
  }) as typeof connection.execute;
  try {
    await fn();
  } finally {
    connection.execute = original;
  }
  return queries;
}
