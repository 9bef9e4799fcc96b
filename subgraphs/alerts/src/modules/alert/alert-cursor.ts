import { z } from 'zod';
import { opaqueCursor } from '@petcare/service-kit';

/**
 * Positions in a user's alert list: the (createdAt, id) of the last alert a page returned. The id rides along
 * because many alerts can share a createdAt (one event fanned out): it breaks the tie. Only the exact form
 * `toISOString` writes is accepted back, so a cursor cannot smuggle in a date PostgreSQL would refuse.
 */
export const alertCursor = opaqueCursor(
  'alerts',
  z.object({
    createdAt: z.iso.datetime({ precision: 3 }).transform((iso) => new Date(iso)),
    id: z.uuid().transform((id) => id.toLowerCase()),
  }),
);

/** A decoded position in a user's alert list. */
export type AlertCursor = NonNullable<ReturnType<typeof alertCursor.decode>>;
