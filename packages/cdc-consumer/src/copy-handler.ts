import type { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { DebeziumChange } from './debezium-change.ts';

/**
 * How one source table's changes update a service's copy. `row` validates the `after` image (unknown
 * columns are ignored, so adding a column upstream breaks nothing); `key` validates the message key.
 * Both callbacks run inside the transaction that also records the applied LSN, so an effect and its
 * bookkeeping commit together or not at all.
 */
export interface CopyHandler<Row, Key> {
  /** Kafka topic, e.g. `users.public.device`. */
  topic: string;
  key: z.ZodType<Key>;
  row: z.ZodType<Row>;
  /** Insert or update the copy from a create, update or snapshot read. */
  upsert(em: EntityManager, row: Row, change: DebeziumChange): Promise<void>;
  /** Remove the copy for a delete or a tombstone. */
  remove(em: EntityManager, key: Key): Promise<void>;
}

/** A handler whose row and key types have been checked where it was written. */
export type AnyCopyHandler = CopyHandler<any, any>;
