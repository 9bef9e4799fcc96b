import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Alert } from './alert.entity.ts';
import type { AlertKind } from './alert-kind.ts';

/** What a producer (seed, CDC consumer, scheduler) knows when something happened that a user should hear about. */
export interface NewAlert {
  userId: string;
  kind: AlertKind;
  title: string;
  body: string;
  /** Extra payload for the app, e.g. `{ neighborhoodCode }`. */
  data?: Record<string, unknown> | null;
  /**
   * Names the event, e.g. `verification-expiring:<verificationId>`: the same key never makes a second alert,
   * so an event delivered twice (CDC is at-least-once) is harmless.
   */
  dedupeKey?: string | null;
  /** When it happened; defaults to now. */
  createdAt?: Date;
}

/** `created` is false when an alert with the same dedupe key already existed (nothing was written). */
export type CreateAlertResult = { created: true; alert: Alert } | { created: false };

/**
 * Stores an alert unless its dedupe key is already taken (`on conflict (dedupe_key) do nothing`), in one
 * statement so concurrent deliveries of one event cannot race. Runs in whatever transaction `em` is in,
 * so a consumer can record the event as processed in the same one.
 */
export async function createAlert(em: EntityManager, input: NewAlert): Promise<CreateAlertResult> {
  const row = {
    id: randomUUID(),
    userId: input.userId,
    kind: input.kind,
    title: input.title,
    body: input.body,
    data: input.data ?? null,
    dedupeKey: input.dedupeKey ?? null,
    createdAt: input.createdAt ?? new Date(),
    readAt: null,
  };
  const result = await em.createQueryBuilder(Alert).insert(row).onConflict('dedupeKey').ignore().execute('run');
  if (result.affectedRows === 0) return { created: false };
  return { created: true, alert: em.map(Alert, row, { mapped: true }) };
}
