import type { EntityManager } from '@mikro-orm/postgresql';
import { executeBound } from '@petcare/service-kit';
import { PoisonMessageError } from './poison-message-error.ts';
import type { AnyEventHandler } from './event-handler.ts';
import type { ApplyOutcome, IncomingMessage } from './apply-change.ts';

/** An event that has passed every check that needs no database: ready to apply. */
export interface ParsedEvent {
  id: string;
  event: unknown;
}

/** Checks an event message's shape before any database work; throws PoisonMessageError when it can never apply. */
export function parseEvent(handler: AnyEventHandler, message: IncomingMessage): ParsedEvent {
  if (message.value === null || message.value.length === 0) throw new PoisonMessageError('an event message has no value');
  let json: unknown;
  try {
    json = JSON.parse(message.value.toString('utf8'));
  } catch {
    throw new PoisonMessageError('value is not JSON');
  }
  const parsed = handler.event.safeParse(json);
  if (!parsed.success) {
    throw new PoisonMessageError(`not a ${handler.topic} event: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  const id = (parsed.data as { id?: unknown }).id;
  if (typeof id !== 'string' || id.length === 0 || id.length > 500) throw new PoisonMessageError('event id must be a string of 1 to 500 characters');
  return { id, event: parsed.data };
}

/**
 * Applies events of one topic in ONE transaction, each at most once: their ids are inserted into
 * `cdc_processed_event` in the same transaction as their effects, and an id already there (a redelivery, or
 * the same event twice in the batch) has no effect. Any error rolls the whole batch back.
 */
export async function applyEvents(em: EntityManager, handler: AnyEventHandler, batch: ParsedEvent[]): Promise<ApplyOutcome[]> {
  return em.transactional(async (tx) => {
    const rows = await executeBound<{ event_id: string }>(
      tx,
      `insert into cdc_processed_event (topic, event_id) select $1, unnest($2::text[])
       on conflict (topic, event_id) do nothing returning event_id`,
      [handler.topic, batch.map((e) => e.id)],
    );
    const fresh = new Set(rows.map((r) => r.event_id));
    const outcomes: ApplyOutcome[] = [];
    const toApply: unknown[] = [];
    for (const { id, event } of batch) {
      if (!fresh.delete(id)) {
        outcomes.push({ result: 'skipped', reason: `event ${id} already processed` });
        continue;
      }
      toApply.push(event);
      outcomes.push({ result: 'applied', sourceTsMs: null });
    }
    if (toApply.length > 0) await handler.apply(tx, toApply);
    return outcomes;
  });
}
