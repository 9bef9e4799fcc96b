import { z } from 'zod';
import { executeBound } from '@petcare/service-kit';
import type { ChangeHandler } from './change-handler.ts';

/** A column whose value needs SQL around its parameter (e.g. a PostGIS geometry from Debezium's WKB). */
export interface ConvertedColumn<T> {
  check: z.ZodType<T>;
  /** The parameter's value; defaults to the checked value. */
  value?: (checked: T) => unknown;
  /** SQL with exactly one `?` standing for the parameter, e.g. `ST_GeomFromWKB(decode(?, 'base64'), 4326)`. */
  sql: string;
}

/** How a copied column is checked: a zod schema, or a schema with the SQL that turns it into the column. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each column's value type is checked against its own schema where it is declared.
export type CopyColumn = z.ZodType | ConvertedColumn<any>;

/** A copy of another service's table: which topic, which local table, its key, and the columns taken from each change. */
export interface CopyDefinition<Columns extends Record<string, CopyColumn>, KeyName extends keyof Columns & string> {
  topic: string;
  /** The local copy table; it has these columns plus `copied_at timestamptz`, and a primary key on `key`. */
  table: string;
  /** The source's primary key columns: in the message key, and the copy's primary key. */
  key: readonly KeyName[];
  /** The columns read from the change's `after` image (others are ignored, so an upstream column added breaks nothing). */
  columns: Columns;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function checkOf(column: CopyColumn): z.ZodType {
  return column instanceof z.ZodType ? column : column.check;
}

/**
 * Turns a copy declaration into the handler that applies it: an upsert of the declared columns (stamping
 * `copied_at`) for creates, updates and snapshot reads, a delete by key for deletes and tombstones. One
 * declaration per copy table and one handler per topic, so a table has exactly one writer.
 */
export function defineCopy<Columns extends Record<string, CopyColumn>, KeyName extends keyof Columns & string>(
  definition: CopyDefinition<Columns, KeyName>,
): ChangeHandler<Record<string, unknown>, Record<string, unknown>> {
  const names = Object.keys(definition.columns);
  for (const name of [definition.table, ...names]) {
    if (!IDENTIFIER.test(name)) throw new Error(`copy of ${definition.topic}: "${name}" is not a plain lower-case SQL identifier`);
  }
  const key = [...definition.key];
  if (key.length === 0 || !key.every((k) => names.includes(k))) {
    throw new Error(`copy ${definition.table}: every key column must be one of its columns`);
  }
  for (const name of names) {
    const column = definition.columns[name]!;
    if (!(column instanceof z.ZodType) && column.sql.split('?').length !== 2) throw new Error(`copy ${definition.table}: the SQL of "${name}" must hold exactly one ?`);
  }
  // Bound parameters ($n, see executeBound): a chunk's values travel as they are instead of being escaped into the text.
  const placeholder = (name: string, n: number) => {
    const column = definition.columns[name]!;
    return column instanceof z.ZodType ? `$${n}` : column.sql.replace('?', `$${n}`);
  };
  const rowPlaceholders = (first: number) => `(${names.map((name, i) => placeholder(name, first + i)).join(', ')}, now())`;
  const parameter = (name: string, row: Record<string, unknown>) => {
    const column = definition.columns[name]!;
    return column instanceof z.ZodType || !column.value ? row[name] : column.value(row[name]);
  };
  const updates = [...names.filter((n) => !key.includes(n as KeyName)).map((n) => `${n} = excluded.${n}`), 'copied_at = now()'];
  const upsertInto = (rows: number) =>
    `insert into ${definition.table} (${names.join(', ')}, copied_at) values ${Array.from({ length: rows }, (_, r) => rowPlaceholders(1 + r * names.length)).join(', ')}
    on conflict (${key.join(', ')}) do update set ${updates.join(', ')}`;
  const upsertSql = upsertInto(1);
  const deleteSql = `delete from ${definition.table} where ${key.map((k, i) => `${k} = $${i + 1}`).join(' and ')}`;

  return {
    topic: definition.topic,
    key: z.object(Object.fromEntries(key.map((k) => [k, checkOf(definition.columns[k]!)]))),
    row: z.object(Object.fromEntries(names.map((n) => [n, checkOf(definition.columns[n]!)]))),
    async upsert(em, row) {
      await executeBound(em, upsertSql, names.map((n) => parameter(n, row)));
    },
    async remove(em, k) {
      await executeBound(em, deleteSql, key.map((name) => k[name]));
    },
    async applyNet(em, removes, upserts) {
      // Removes first: a unique value that moved from a deleted row to a new one is free by the time it is inserted.
      if (removes.length > 0) {
        const tuple = (r: number) => `(${key.map((_, i) => `$${1 + r * key.length + i}`).join(', ')})`;
        await executeBound(
          em,
          `delete from ${definition.table} where (${key.join(', ')}) in (${removes.map((_, r) => tuple(r)).join(', ')})`,
          removes.flatMap((k) => key.map((name) => k[name])),
        );
      }
      if (upserts.length > 0) {
        await executeBound(em, upsertInto(upserts.length), upserts.flatMap(({ row }) => names.map((n) => parameter(n, row))));
      }
    },
    writes: { table: definition.table, columns: [...names, 'copied_at'] },
  };
}
