import type { EntityManager } from '@mikro-orm/postgresql';

/** Remembers that an account was erased, in the transaction that applies its delete: nothing is written for it again. */
export async function recordErased(em: EntityManager, userId: string): Promise<void> {
  await em.execute('insert into erased_user (user_id) values (?) on conflict do nothing', [userId]);
}

/** Whether this service has erased the account (its own copy says it no longer exists). */
export async function isErased(em: EntityManager, userId: string): Promise<boolean> {
  return (await em.execute('select 1 from erased_user where user_id = ?', [userId])).length > 0;
}
