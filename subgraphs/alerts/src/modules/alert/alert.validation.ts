import { badUserInput, checkPageSize, isUuid } from '@petcare/service-kit';
import { alertCursor, type AlertCursor } from './alert-cursor.ts';

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
  return {
    first: checkPageSize('first', args.first, { defaultSize: 20, max: 100 }),
    after: alertCursor.decode('after', args.after),
    unreadOnly: args.unreadOnly ?? false,
  };
}

/** Checks `alertsAfter`'s `first` (1..100, default 100); throws BAD_USER_INPUT naming `first`. */
export function checkAlertsAfterSize(first: number | null | undefined): number {
  return checkPageSize('first', first, { defaultSize: 100, max: 100 });
}
