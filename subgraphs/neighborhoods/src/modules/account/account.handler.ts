import { z } from 'zod';
import { defineReaction } from '@petcare/cdc-consumer';

/**
 * Reacts to accounts: a deleted account's 동네인증 is erased here, in the transaction that records the delete as
 * applied (the 동네인증 is this service's own data about that person, and CDC carries the erasure on to alerts).
 * Nothing else about accounts is kept here.
 */
export const accountHandler = (topic: string) =>
  defineReaction({
    topic,
    key: z.object({ id: z.uuid() }),
    remove: async (em, { id }) => {
      await em.execute('delete from neighborhood_verification where user_id = ?', [id]);
    },
  });
