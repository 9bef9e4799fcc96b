import type { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';

/** What every event on the system's event topics carries: an id that stays the same however often it is delivered. */
export interface SystemEvent {
  id: string;
}

/**
 * How a service reacts to an event topic (something that happened, published with a stable id: a reminder
 * from the Streams app, an outbox event), as opposed to a table's change stream. `event` validates the value;
 * `apply` runs inside the transaction that records the events' ids as processed, so an event redelivered after
 * any fault has no second effect.
 */
export interface EventHandler<E extends SystemEvent> {
  kind: 'event';
  topic: string;
  event: z.ZodType<E>;
  /**
   * Applies the events of one chunk not applied before, in order, in one call (so a handler can write them in
   * bulk, e.g. one push job for a chunk of reminders).
   */
  apply(em: EntityManager, events: E[]): Promise<void>;
  /** Tables and columns the handler writes, checked when the consumer starts. */
  writes?: { table: string; columns: readonly string[] };
}

/** A handler whose event type has been checked where it was written. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of handlers mixes event types; each was checked against its own zod schema.
export type AnyEventHandler = EventHandler<any>;

/** Declares an event handler (see {@link EventHandler}). */
export function defineEventHandler<E extends SystemEvent>(handler: Omit<EventHandler<E>, 'kind'>): EventHandler<E> {
  return { kind: 'event', ...handler };
}
