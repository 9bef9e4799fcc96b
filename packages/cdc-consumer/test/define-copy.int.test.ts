import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Migration } from '@mikro-orm/migrations';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger, openDatabase } from '@petcare/service-kit';
import { dropTestDatabase, testDatabaseUrl } from '@petcare/service-kit/testing';
import { applyChange, applyParsed, parseMessage, type IncomingMessage } from '../src/apply-change.ts';
import { CdcConsumer } from '../src/cdc-consumer.ts';
import { checkWrittenTables } from '../src/check-written-tables.ts';
import { defineCopy } from '../src/define-copy.ts';
import { appliedChangeTableSql } from '../src/testing/applied-change-table.ts';
import { ItemCopy } from './fixtures/item-copy.ts';

// A copy declared, not written: the library's upsert and delete on a real table with a composite key and a
// column converted by SQL, and the start-up check that catches a migration out of step with a declaration.
class PlaceCopyMigration extends Migration {
  override name = 'PlaceCopyMigration';
  override up(): void {
    this.addSql(appliedChangeTableSql);
    this.addSql(`create table place_copy (
      owner_id uuid not null, code char(10) not null, label text not null, since timestamptz not null, upper_label text not null,
      copied_at timestamptz not null, primary key (owner_id, code))`);
  }
}

const url = testDatabaseUrl('copydecl');
const owner = '0b3c6b7e-1111-4a4a-8a8a-000000000001';
const placeCopy = defineCopy({
  topic: 'src.public.place',
  table: 'place_copy',
  key: ['owner_id', 'code'],
  columns: {
    owner_id: z.uuid(),
    code: z.string().regex(/^\d{10}$/),
    label: z.string(),
    since: z.iso.datetime({ offset: true }),
    upper_label: { check: z.string(), sql: 'upper(?)' },
  },
});
let orm: MikroORM;
let offset = 0;

const message = (op: 'c' | 'u' | 'd', code: string, lsn: number, label = 'home'): IncomingMessage => ({
  key: Buffer.from(JSON.stringify({ owner_id: owner, code })),
  value: Buffer.from(
    JSON.stringify({
      op,
      before: null,
      after: op === 'd' ? null : { owner_id: owner, code, label, since: '2026-11-30T10:00:00.123456Z', upper_label: label, ignored: 1 },
      source: { lsn, ts_ms: 1, table: 'place' },
    }),
  ),
  offset: String(offset++),
});
const places = () => orm.em.getConnection().execute('select code, label, upper_label from place_copy order by code');

beforeAll(async () => {
  orm = await openDatabase({ url, entities: [ItemCopy], migrations: [PlaceCopyMigration], log: createLogger('copy-test', 'silent') });
});
afterAll(async () => {
  await orm?.close();
  await dropTestDatabase(url);
});

describe('a declared copy', () => {
  it('upserts the declared columns by the composite key, converting through SQL, and deletes by key', async () => {
    await applyChange(orm.em.fork(), placeCopy, message('c', '1168064000', 10, 'home'));
    await applyChange(orm.em.fork(), placeCopy, message('c', '1111051500', 11, 'work'));
    await applyChange(orm.em.fork(), placeCopy, message('u', '1168064000', 12, 'new home'));
    expect(await places()).toEqual([
      { code: '1111051500', label: 'work', upper_label: 'WORK' },
      { code: '1168064000', label: 'new home', upper_label: 'NEW HOME' },
    ]);
    await applyChange(orm.em.fork(), placeCopy, message('d', '1111051500', 13));
    expect((await places()).map((p) => p.code)).toEqual(['1168064000']);
  });

  it('applies a chunk as its net effect per key, in order, as change by change would', async () => {
    const chunk = [
      message('c', '1100000001', 20, 'a'),
      message('c', '1100000002', 21, 'b'),
      message('u', '1100000001', 22, 'a2'),
      message('d', '1100000002', 23),
      message('c', '1100000003', 24, 'c'),
      message('d', '1100000003', 25),
      message('c', '1100000003', 26, 'c again'),
      message('c', '1100000001', 19, 'stale'),
    ];
    const outcomes = await applyParsed(orm.em.fork(), placeCopy, chunk.map((m) => parseMessage(placeCopy, m)));
    expect(outcomes.map((o) => o.result)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied', 'applied', 'applied', 'skipped']);
    const rows = (await places()).filter((p) => p.code.startsWith('11000'));
    expect(rows).toEqual([
      { code: '1100000001', label: 'a2', upper_label: 'A2' },
      { code: '1100000003', label: 'c again', upper_label: 'C AGAIN' },
    ]);
  });

  it('passes the start-up check when its table has every column, and names what is missing otherwise', async () => {
    await expect(checkWrittenTables(orm, [placeCopy])).resolves.toBeUndefined();
    const misdeclared = defineCopy({ topic: 't', table: 'place_copy', key: ['owner_id'], columns: { owner_id: z.uuid(), colour: z.string() } });
    await expect(checkWrittenTables(orm, [misdeclared])).rejects.toThrow(/place_copy\.colour/);
  });

  it('refuses identifiers that are not plain SQL names and keys outside its columns', () => {
    expect(() => defineCopy({ topic: 't', table: 'x; drop table y', key: ['id'], columns: { id: z.uuid() } })).toThrow(/identifier/);
    expect(() => defineCopy({ topic: 't', table: 'x', key: ['nope' as 'id'], columns: { id: z.uuid() } })).toThrow(/key column/);
  });

  it('is the only handler of its topic: a second one for the same topic is an error, not a silent replacement', () => {
    const twin = defineCopy({ topic: 'src.public.place', table: 'other_copy', key: ['id'], columns: { id: z.uuid() } });
    expect(
      () => new CdcConsumer({ brokers: ['127.0.0.1:1'], groupId: 'g', deadLetterTopic: 'd', handlers: [placeCopy, twin], orm, log: createLogger('t', 'silent') }),
    ).toThrow(/two handlers for topic src\.public\.place/);
  });
});
