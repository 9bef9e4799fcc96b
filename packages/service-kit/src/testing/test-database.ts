import { randomBytes } from 'node:crypto';
import pg from 'pg';

const adminUrl = process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A fresh, uniquely named database for one integration test file; the service's real migrations
 * build its schema when the test opens it with `openDatabase`.
 */
export function testDatabaseUrl(service: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/test_${service}_${randomBytes(4).toString('hex')}`;
  return url.toString();
}

/** Drops a database made by `testDatabaseUrl`, closing stray connections first. */
export async function dropTestDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!name.startsWith('test_')) throw new Error(`refusing to drop ${name}: not a test database`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}
