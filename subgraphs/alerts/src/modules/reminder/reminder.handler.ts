import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import { defineEventHandler } from '@petcare/cdc-consumer';
import { createAlert } from '../alert/alert.repository.ts';
import { isErased } from '../account/erased-user.repository.ts';

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

async function nameOf(em: EntityManager, code: string): Promise<string> {
  const [row] = await em.execute<{ name: string }[]>('select name from neighborhood_copy where code = ?', [code]);
  return row?.name ?? '우리 동네';
}

/** The alert a reminder becomes, in the words the app shows (and pushes). */
export async function reminderText(em: EntityManager, event: VerificationReminder): Promise<{ title: string; body: string }> {
  const name = await nameOf(em, event.neighborhoodCode);
  if (event.kind === 'VERIFICATION_EXPIRED') {
    return { title: `${name} 동네인증이 만료됐어요`, body: `${name} 이웃 소식과 동네 알림을 계속 받으려면 ${name}에서 다시 인증해 주세요.` };
  }
  const days = Math.max(1, Math.round((Date.parse(event.expiresAt) - Date.parse(event.dueAt)) / DAY_MS));
  return { title: `${name} 동네인증이 ${days}일 뒤 만료돼요`, body: `${name}에 있을 때 다시 인증하면 30일 더 이웃 소식을 받을 수 있어요.` };
}

/**
 * Turns each 동네인증 reminder into the user's alert, once: the event's deterministic id is the alert's dedupe key
 * (and the consumer records it as processed), so a redelivered or re-emitted reminder never makes a second one.
 * An account erased here gets nothing, even when its reminder was already on its way. The alert is stamped when
 * it is stored, not backdated to the due moment: a page cursor or a live subscription already past that moment
 * would never see a backdated alert.
 */
export const reminderHandler = (topic: string) =>
  defineEventHandler({
    topic,
    event: reminder,
    apply: async (em, event) => {
      if (await isErased(em, event.userId)) return;
      await createAlert(em, {
        userId: event.userId,
        kind: event.kind,
        ...(await reminderText(em, event)),
        data: { neighborhoodCode: event.neighborhoodCode, expiresAt: event.expiresAt },
        dedupeKey: event.id,
      });
    },
  });
