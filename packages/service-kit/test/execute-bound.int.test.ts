import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineEntity, p } from '@mikro-orm/postgresql';
import { Migration } from '@mikro-orm/migrations';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger } from '../src/logging/create-logger.ts';
import { executeBound } from '../src/orm/execute-bound.ts';
import { openDatabase } from '../src/orm/open-database.ts';
import { dropTestDatabase, testDatabaseUrl } from '../src/testing/test-database.ts';

// One pooled connection, so what the statements leave prepared on it is what the next call sees.
const ItemSchema = defineEntity({ name: 'Item', tableName: 'item', properties: { id: p.integer().primary(), name: p.string() } });
class Item extends ItemSchema.class {}
ItemSchema.setClass(Item);
class ItemMigration extends Migration {
  override name = 'ItemMigration';
  override up(): void {
    this.addSql(`create table item (id int primary key, name text not null)`);
    this.addSql(`insert into item select i, 'item ' || i from generate_series(1, 50) i`);
  }
}

const url = testDatabaseUrl('execute_bound');
let orm: MikroORM;

beforeAll(async () => {
  orm = await openDatabase({ url, entities: [Item], migrations: [{ name: 'ItemMigration', class: ItemMigration }], log: createLogger('test', 'silent'), poolMax: 1 });
});

afterAll(async () => {
  await orm?.close();
  await dropTestDatabase(url);
});

const byId = 'select id, name from item where id = any($1::int[]) order by id';
const prepared = async () =>
  (await executeBound<{ name: string }>(orm.em.fork(), `select name from pg_prepared_statements where name like 'petcare_%'`, [])).map((r) => r.name);

describe('executeBound', () => {
  it('answers a prepared statement like a plain one, whatever the values of each call', async () => {
    for (const ids of [[1, 2], [50], [3, 4, 5], [99]]) {
      const plain = await executeBound(orm.em.fork(), byId, [ids]);
      expect(await executeBound(orm.em.fork(), byId, [ids], { prepared: true })).toEqual(plain);
    }
    expect((await executeBound(orm.em.fork(), byId, [[7]], { prepared: true }))[0]).toEqual({ id: 7, name: 'item 7' });
  });

  it('prepares each statement text once per connection, under one name per text', async () => {
    for (let i = 1; i <= 10; i++) await executeBound(orm.em.fork(), byId, [[i]], { prepared: true });
    const other = 'select count(*)::int as n from item where id > $1';
    expect(await executeBound(orm.em.fork(), other, [45], { prepared: true })).toEqual([{ n: 5 }]);
    expect((await prepared()).length).toBe(2);
  });

  it('runs in the transaction it is given, prepared or not, and sees its uncommitted writes', async () => {
    const rollBack = new Error('roll back');
    const transaction = orm.em.fork().transactional(async (tx) => {
      await executeBound(tx, `insert into item values (51, 'in the transaction')`, []);
      expect(await executeBound(tx, byId, [[51]], { prepared: true })).toEqual([{ id: 51, name: 'in the transaction' }]);
      throw rollBack;
    });
    await expect(transaction).rejects.toBe(rollBack);
    expect(await executeBound(orm.em.fork(), byId, [[51]], { prepared: true })).toEqual([]);
  });
});
