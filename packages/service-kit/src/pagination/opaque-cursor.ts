import type { z } from 'zod';
import { badUserInput } from '../errors/graphql-errors.ts';

/** Encodes and checks the cursors of one list. */
export interface OpaqueCursor<In, Out> {
  /** The `endCursor` string for a position, written as JSON. */
  encode(position: In): string;
  /** The position a client's `after` names; null when absent; BAD_USER_INPUT naming `field` for anything else. */
  decode(field: string, cursor: string | null | undefined): Out | null;
}

const BASE64URL = /^[A-Za-z0-9_-]{1,512}$/;

/**
 * Cursors for keyset pagination: the position (the sort key of the last row a page returned) as base64url JSON,
 * tagged with the list's name so a cursor of one list is refused by another. Opaque so clients pass them back
 * unchanged and the ordering can change without breaking them; `position` is checked on the way back in, so a
 * forged cursor is a clear BAD_USER_INPUT, never a database error.
 */
export function opaqueCursor<S extends z.ZodType>(list: string, position: S): OpaqueCursor<z.input<S>, z.output<S>> {
  return {
    encode: (value) => Buffer.from(JSON.stringify([list, value]), 'utf8').toString('base64url'),
    decode: (field, cursor) => {
      if (cursor == null) return null;
      const refuse = () => badUserInput(field, 'is not a cursor of this list: pass a pageInfo.endCursor unchanged');
      if (!BASE64URL.test(cursor)) throw refuse();
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      } catch {
        throw refuse();
      }
      if (!Array.isArray(parsed) || parsed.length !== 2 || parsed[0] !== list) throw refuse();
      const checked = position.safeParse(parsed[1]);
      if (!checked.success) throw refuse();
      return checked.data;
    },
  };
}
