import type { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { DebeziumChange } from './debezium-change.ts';

/**
 * How one source table's changes affect a consuming service. `row` validates the `after` image (unknown
 * columns are ignored, so adding a column upstream breaks nothing); `key` validates the message key.
 * Both callbacks run inside the transaction that also records the applied LSN, so an effect and its
 * bookkeeping commit together or not at all. A plain copy of a table is declared with `defineCopy`
 * instead; a handler written by hand is for reactions (a welcome alert, erasing a deleted user's data).
 */
export interface ChangeHandler<Row, Key> {
  /** Kafka topic, e.g. `users.public.device`. */
  topic: string;
  key: z.ZodType<Key>;
  row: z.ZodType<Row>;
  /** Apply a create, update or snapshot read. */
  upsert(em: EntityManager, row: Row, change: DebeziumChange): Promise<void>;
  /** Apply a delete or a tombstone. */
  remove(em: EntityManager, key: Key): Promise<void>;
  /**
   * A copy's shortcut: the net effect of a chunk, at most one entry per key (the key's last change), in two
   * statements instead of one per change. Only for handlers whose effect is the row's state (defineCopy); a
   * reaction must see every change, so it leaves this out and gets upsert/remove per change. A handler that wraps a
   * copy's upsert/remove with a reaction (`{...copy, upsert…}`) must wrap this too, or the reaction is skipped.
   */
  applyNet?(em: EntityManager, removes: Key[], upserts: { row: Row; change: DebeziumChange }[]): Promise<void>;
  /** Tables and columns the handler writes, checked when the consumer starts so a bad migration fails fast. */
  writes?: { table: string; columns: readonly string[] };
}

/** A handler whose row and key types have been checked where it was written. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of handlers mixes row types; each was checked against its own zod schema.
export type AnyChangeHandler = ChangeHandler<any, any>;
