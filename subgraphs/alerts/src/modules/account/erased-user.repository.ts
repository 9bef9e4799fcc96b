import type { EntityManager } from '@mikro-orm/postgresql';

/** Remembers that an account was erased, in the transaction that applies its delete: nothing is written for it again. */
export async function recordErased(em: EntityManager, userId: string): Promise<void> {
  await em.execute('insert into erased_user (user_id) values (?) on conflict do nothing', [userId]);
}

/** Which of these accounts this service has erased. */
export async function erasedAmong(em: EntityManager, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await em.execute<{ user_id: string }[]>('select user_id from erased_user where user_id = any(?::uuid[])', [`{${userIds.join(',')}}`]);
  return new Set(rows.map((r) => r.user_id));
}
