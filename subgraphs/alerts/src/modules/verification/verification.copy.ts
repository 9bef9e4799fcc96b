import { z } from 'zod';
import { defineCopy } from '@petcare/cdc-consumer';

/**
 * `verification_copy`: the neighborhoods service's 동네인증, one row per (user, 행정동) a user holds (at most two):
 * who is verified where until when. Its only writer: a deleted account's 동네인증 disappears here when
 * neighborhoods erases it and CDC carries the delete. timestamptz columns arrive as ISO-8601 strings.
 */
export const verificationCopy = (topic: string) =>
  defineCopy({
    topic,
    table: 'verification_copy',
    key: ['user_id', 'neighborhood_code'],
    columns: {
      user_id: z.uuid(),
      neighborhood_code: z.string().regex(/^\d{10}$/),
      verified_at: z.iso.datetime({ offset: true }),
      expires_at: z.iso.datetime({ offset: true }),
    },
  });
