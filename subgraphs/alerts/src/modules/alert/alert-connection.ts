import type { AlertsContext } from '../../context.ts';
import type { Alert } from './alert.entity.ts';
import { alertCursor } from './alert-cursor.ts';
import { checkPageArgs } from './alert.validation.ts';

/** What `alerts` resolves to before `totalCount`, which costs a count query, is asked for. */
export interface AlertConnection {
  nodes: Alert[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  userId: string;
  unreadOnly: boolean;
}

/** Checks the page arguments and reads one page of a user's alerts through the request's loader. */
export async function loadAlertConnection(
  ctx: AlertsContext,
  userId: string,
  args: { first?: number | null; after?: string | null; unreadOnly?: boolean | null },
): Promise<AlertConnection> {
  const pageArgs = checkPageArgs(args);
  const page = await ctx.loaders.alertPage.load({ userId, ...pageArgs });
  const last = page.alerts.at(-1);
  return {
    nodes: page.alerts,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: last ? alertCursor.encode({ createdAt: last.createdAt.toISOString(), id: last.id }) : null },
    userId,
    unreadOnly: pageArgs.unreadOnly,
  };
}
