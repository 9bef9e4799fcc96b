import { z } from 'zod';
import type { CopyHandler } from '@petcare/cdc-consumer';
import type { SystemTopics } from '@petcare/cdc';

const row = z.object({ id: z.uuid(), display_name: z.string() });
const key = z.object({ id: z.uuid() });

/**
 * Keeps `user_copy` in step with the users service's accounts. A deleted account also erases the
 * user's 동네인증 here: the verification is this service's own data about that person.
 */
export function userCopyHandler(topics: SystemTopics): CopyHandler<z.infer<typeof row>, z.infer<typeof key>> {
  return {
    topic: topics.users,
    key,
    row,
    async upsert(em, user) {
      await em.execute(
        `insert into user_copy (id, display_name, copied_at) values (?, ?, now())
       on conflict (id) do update set display_name = excluded.display_name, copied_at = now()`,
        [user.id, user.display_name],
      );
    },
    async remove(em, { id }) {
      await em.execute('delete from neighborhood_verification where user_id = ?', [id]);
      await em.execute('delete from user_copy where id = ?', [id]);
    },
  };
}
