import { z } from 'zod';

/**
 * What every event of the system carries first (events, as opposed to replicated rows: cdc/README.md), so one
 * consumer library can deduplicate and order them all: a stable id (the same transition always has the same id;
 * Debezium's outbox router also puts it in the `id` header), the event type, and when it happened.
 */
export const systemEvent = z.object({
  id: z.uuid(),
  type: z.string().min(1),
  occurredAt: z.iso.datetime(),
});

/** The envelope fields every event has. */
export type SystemEvent = z.output<typeof systemEvent>;

/**
 * A field that may be null in the producer's JSON. Debezium's outbox router expands the JSON payload into a
 * Connect struct and drops null fields on the way, so consumers see such a field absent: both mean null.
 */
export const absentAsNull = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? null);
