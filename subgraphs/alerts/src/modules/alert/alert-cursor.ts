import { isUuid } from '@petcare/service-kit';

/** A position in a user's alert list: the (createdAt, id) of the last alert a page returned. */
export interface AlertCursor {
  createdAt: Date;
  id: string;
}

const SEPARATOR = '|';

/**
 * Encodes a position as an opaque string for `pageInfo.endCursor`.
 * The id rides along because many alerts can share a createdAt (one event fanned out): it breaks the tie.
 */
export function encodeAlertCursor(cursor: AlertCursor): string {
  return Buffer.from(`${cursor.createdAt.toISOString()}${SEPARATOR}${cursor.id}`, 'utf8').toString('base64url');
}

/** Decodes what {@link encodeAlertCursor} made; null for anything else, so callers can name the bad argument. */
export function decodeAlertCursor(value: string): AlertCursor | null {
  if (!/^[A-Za-z0-9_-]+$/.test(value)) return null;
  const [iso, id, ...rest] = Buffer.from(value, 'base64url').toString('utf8').split(SEPARATOR);
  if (!iso || !id || rest.length > 0 || !isUuid(id)) return null;
  const createdAt = new Date(iso);
  // Only the exact form toISOString writes, so a cursor cannot smuggle in some other date syntax.
  if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== iso) return null;
  return { createdAt, id: id.toLowerCase() };
}
