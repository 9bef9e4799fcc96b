import { z } from 'zod';
import type { CopyHandler } from '@petcare/cdc-consumer';
import type { SystemTopics } from '@petcare/cdc';

// timestamptz columns arrive as ISO-8601 strings (Debezium's ZonedTimestamp).
const row = z.object({
  user_id: z.uuid(),
  neighborhood_code: z.string().regex(/^\d{10}$/),
  verified_at: z.iso.datetime({ offset: true }),
  expires_at: z.iso.datetime({ offset: true }),
});
const key = z.object({ user_id: z.uuid() });

/** Keeps `verification_copy` equal to the neighborhoods service's current 동네인증 per user. */
export function verificationCopyHandler(topics: SystemTopics): CopyHandler<z.infer<typeof row>, z.infer<typeof key>> {
  return {
    topic: topics.verifications,
    key,
    row,
    async upsert(em, v) {
      await em.execute(
        `insert into verification_copy (user_id, neighborhood_code, verified_at, expires_at, copied_at) values (?, ?, ?, ?, now())
       on conflict (user_id) do update set neighborhood_code = excluded.neighborhood_code, verified_at = excluded.verified_at,
         expires_at = excluded.expires_at, copied_at = now()`,
        [v.user_id, v.neighborhood_code, v.verified_at, v.expires_at],
      );
    },
    async remove(em, { user_id }) {
      await em.execute('delete from verification_copy where user_id = ?', [user_id]);
    },
  };
}
