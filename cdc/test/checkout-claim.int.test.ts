import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { dropTestDatabase, testDatabaseUrl } from '@petcare/service-kit/testing';
import { SourceDatabase } from '../src/connect/source-database.ts';

// Two checkouts on one PostgreSQL: the second must not seed, migrate or capture the first one's databases by
// accident (its connectors would move the first one's replication slots on).
const url = testDatabaseUrl('claim');
const name = new URL(url).pathname.slice(1);
const serverUrl = new URL('/postgres', url).toString();
const first = mkdtempSync(join(tmpdir(), 'petcare-checkout-a-'));
const second = mkdtempSync(join(tmpdir(), 'petcare-checkout-b-'));

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
});
afterAll(async () => {
  rmSync(second, { recursive: true, force: true });
  await dropTestDatabase(url);
});

describe('claiming a service database for a checkout', () => {
  it('refuses a second checkout while the first exists, and lets it take over once the first is gone', async () => {
    const db = new SourceDatabase(name, serverUrl);
    expect(await db.claim(first)).toBeUndefined();
    expect(await db.claim(first)).toBeUndefined();
    await expect(db.claim(second)).rejects.toThrow(new RegExp(`database ${name} belongs to the checkout at ${first}.*PETCARE_INSTANCE`));
    rmSync(first, { recursive: true, force: true });
    expect(await db.claim(second)).toBe(first);
    expect(await db.claim(second)).toBeUndefined();
  });
});
