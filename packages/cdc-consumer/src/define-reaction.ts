import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ChangeHandler } from './change-handler.ts';
import type { DebeziumChange } from './debezium-change.ts';

/** What a service does when another service's row changes: on upserts, on deletes, or both. */
export interface ReactionDefinition<Row, Key> {
  topic: string;
  key: z.ZodType<Key>;
  /** The columns the reaction reads from the `after` image; none when it reacts to deletes only. */
  row?: z.ZodType<Row>;
  upsert?: (em: EntityManager, row: Row, change: DebeziumChange) => Promise<void>;
  remove?: (em: EntityManager, key: Key) => Promise<void>;
}

const anyRow = z.object({}).loose();

/**
 * A hand-written handler for a reaction (a welcome alert, erasing a deleted account's own data), with what it
 * does not react to left out. Copies of another service's table are declared with `defineCopy` instead.
 */
export function defineReaction<Row = Record<string, unknown>, Key = Record<string, unknown>>(
  reaction: ReactionDefinition<Row, Key>,
): ChangeHandler<Row, Key> {
  return {
    topic: reaction.topic,
    key: reaction.key,
    row: reaction.row ?? (anyRow as unknown as z.ZodType<Row>),
    upsert: reaction.upsert ?? (async () => undefined),
    remove: reaction.remove ?? (async () => undefined),
  };
}
