import { badUserInput, isUuid } from '@petcare/service-kit';
import { decodeAlertCursor, type AlertCursor } from './alert-cursor.ts';

const PAGE_MIN = 1;
const PAGE_MAX = 100;
const PAGE_DEFAULT = 20;
/** Checks an alert id argument; throws BAD_USER_INPUT naming `field` when it is not a UUID. */
export function checkAlertId(field: string, id: string): string {
  if (!isUuid(id)) throw badUserInput(field, 'must be an alert id (a UUID)');
  return id.toLowerCase();
}

/** Where a page starts and how long it is, once the arguments are checked. */
export interface PageArgs {
  first: number;
  after: AlertCursor | null;
  unreadOnly: boolean;
}

/** Checks `first`/`after`/`unreadOnly`; throws BAD_USER_INPUT naming the bad argument. An explicit null means the default. */
export function checkPageArgs(args: { first?: number | null; after?: string | null; unreadOnly?: boolean | null }): PageArgs {
  const first = args.first ?? PAGE_DEFAULT;
  if (!Number.isInteger(first) || first < PAGE_MIN || first > PAGE_MAX) {
    throw badUserInput('first', `must be between ${PAGE_MIN} and ${PAGE_MAX}, got ${first}`);
  }
  let after: AlertCursor | null = null;
  if (args.after != null) {
    after = decodeAlertCursor(args.after);
    if (!after) throw badUserInput('after', 'is not a cursor of this list: pass a pageInfo.endCursor unchanged');
  }
  return { first, after, unreadOnly: args.unreadOnly ?? false };
}
