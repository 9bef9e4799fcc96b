import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { defineEventHandler } from '@petcare/cdc-consumer';
import { createAlerts } from '../alert/alert.repository.ts';
import { erasedAmong } from '../account/erased-user.repository.ts';
import { enqueueStoredAlertPushes } from '../push/push-request.ts';

const reminder = z.object({
  id: z.string().min(1),
  kind: z.enum(['VERIFICATION_EXPIRING', 'VERIFICATION_EXPIRED']),
  userId: z.uuid(),
  neighborhoodCode: z.string().regex(/^\d{10}$/),
  expiresAt: z.iso.datetime({ offset: true }),
  dueAt: z.iso.datetime({ offset: true }),
});

/** One 동네인증 reminder from the verification-timers Streams app. */
export type VerificationReminder = z.infer<typeof reminder>;

const DAY_MS = 24 * 3600 * 1000;

// `bpchar[]`, the code column's type: compared as text, the primary key could not serve the lookup.
async function namesOf(em: EntityManager, codes: readonly string[]): Promise<Map<string, string>> {
  const rows = await em.execute<{ code: string; name: string }[]>('select code, name from neighborhood_copy where code = any(?::bpchar[])', [
    `{${[...new Set(codes)].join(',')}}`,
  ]);
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The alert a reminder becomes, in the words the app shows (and pushes); `name` is its 동네's, if known. */
export function reminderText(event: VerificationReminder, name = '우리 동네'): { title: string; body: string } {
  if (event.kind === 'VERIFICATION_EXPIRED') {
    return { title: `${name} 동네인증이 만료됐어요`, body: `${name} 이웃 소식과 동네 알림을 계속 받으려면 ${name}에서 다시 인증해 주세요.` };
  }
  const days = Math.max(1, Math.round((Date.parse(event.expiresAt) - Date.parse(event.dueAt)) / DAY_MS));
  return { title: `${name} 동네인증이 ${days}일 뒤 만료돼요`, body: `${name}에 있을 때 다시 인증하면 30일 더 이웃 소식을 받을 수 있어요.` };
}

/**
 * Turns each 동네인증 reminder into the user's alert, once: the event's deterministic id is the alert's dedupe key
 * (and the consumer records it as processed), so a redelivered or re-emitted reminder never makes a second one.
 * The alerts a chunk stored are pushed by one job, each with its own text. An account erased here gets
 * nothing, even when its reminder was already on its way. The alert is stamped when it is stored, not
 * backdated to the due moment: a page cursor or a live subscription already past that moment would never see
 * a backdated alert.
 */
export const reminderHandler = (topic: string) =>
  defineEventHandler({
    topic,
    event: reminder,
    apply: async (em, events) => {
      const erased = await erasedAmong(em, events.map((e) => e.userId));
      const names = await namesOf(em, events.map((e) => e.neighborhoodCode));
      const stored = await createAlerts(
        em,
        events
          .filter((e) => !erased.has(e.userId))
          .map((event) => ({
            userId: event.userId,
            kind: event.kind,
            ...reminderText(event, names.get(event.neighborhoodCode)),
            data: { neighborhoodCode: event.neighborhoodCode, expiresAt: event.expiresAt },
            dedupeKey: event.id,
          })),
      );
      await enqueueStoredAlertPushes(em, stored);
    },
  });
