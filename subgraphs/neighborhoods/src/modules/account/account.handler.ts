import { z } from 'zod';
import { defineReaction } from '@petcare/cdc-consumer';
import { eraseUser } from '../neighborhood-verification/neighborhood-verification.repository.ts';

/**
 * Reacts to accounts: a deleted account's 동네인증 is erased here, in the transaction that records the delete as
 * applied (the 동네인증 is this service's own data about that person, and CDC carries the erasure on to alerts),
 * and the account is remembered as erased, so an old token cannot verify for it again. Nothing else is kept.
 */
export const accountHandler = (topic: string) =>
  defineReaction({
    topic,
    key: z.object({ id: z.uuid() }),
    remove: (em, { id }) => eraseUser(em, id),
  });
