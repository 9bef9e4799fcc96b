import { z } from 'zod';
import type { ChangeHandler } from '@petcare/cdc-consumer';

const row = z.object({ id: z.uuid() });
const key = z.object({ id: z.uuid() });

/**
 * Reacts to accounts: a deleted account's 동네인증 is erased here, in the transaction that records the delete as
 * applied (the 동네인증 is this service's own data about that person, and CDC carries the erasure on to alerts).
 * Nothing else about accounts is kept here.
 */
export function accountHandler(topic: string): ChangeHandler<z.infer<typeof row>, z.infer<typeof key>> {
  return {
    topic,
    key,
    row,
    upsert: async () => undefined,
    async remove(em, { id }) {
      await em.execute('delete from neighborhood_verification where user_id = ?', [id]);
    },
  };
}
