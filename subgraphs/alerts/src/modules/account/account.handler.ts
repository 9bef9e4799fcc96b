import { z } from 'zod';
import { defineReaction } from '@petcare/cdc-consumer';
import { createAlert } from '../alert/alert.repository.ts';
import { recordErased } from './erased-user.repository.ts';

/**
 * Reacts to accounts: a new one (op `c`, not a snapshot read of an old one) gets a welcome alert, once
 * (deduplicated by user); a deleted one loses its alerts here and is remembered as erased, in the same
 * transaction that records the delete as applied. Its devices and 동네인증 leave the copies through their own topics (each copy has one writer).
 */
export const accountHandler = (topic: string) =>
  defineReaction({
    topic,
    key: z.object({ id: z.uuid() }),
    row: z.object({ id: z.uuid(), display_name: z.string() }),
    upsert: async (em, user, change) => {
      if (change.op !== 'c') return;
      await createAlert(em, {
        userId: user.id,
        kind: 'SYSTEM',
        title: '반가워요!',
        body: `${user.display_name}님, 우리 동네 반려생활을 시작해 볼까요? 동네인증을 하면 가까운 24시 동물병원과 동네 소식을 받아볼 수 있어요.`,
        dedupeKey: `welcome:${user.id}`,
        createdAt: new Date(change.sourceTsMs),
      });
    },
    remove: async (em, { id }) => {
      await em.execute('delete from alert where user_id = ?', [id]);
      await recordErased(em, id);
    },
  });
