import { z } from 'zod';
import type { CopyHandler } from '@petcare/cdc-consumer';
import type { SystemTopics } from '@petcare/cdc';

const row = z.object({ id: z.uuid(), user_id: z.uuid(), token: z.string().min(1), platform: z.enum(['ANDROID', 'IOS']) });
const key = z.object({ id: z.uuid() });

/** Keeps `device_copy` equal to the users service's devices: the FCM tokens pushes go to. */
export function deviceCopyHandler(topics: SystemTopics): CopyHandler<z.infer<typeof row>, z.infer<typeof key>> {
  return {
    topic: topics.devices,
    key,
    row,
    async upsert(em, d) {
      await em.execute(
        `insert into device_copy (id, user_id, token, platform, copied_at) values (?, ?, ?, ?, now())
       on conflict (id) do update set user_id = excluded.user_id, token = excluded.token, platform = excluded.platform, copied_at = now()`,
        [d.id, d.user_id, d.token, d.platform],
      );
    },
    async remove(em, { id }) {
      await em.execute('delete from device_copy where id = ?', [id]);
    },
  };
}
