import { unauthenticated, forbidden } from '@petcare/service-kit';
import type { AlertsContext } from '../../context.ts';

/** Returns the signed-in caller's id or throws UNAUTHENTICATED. */
export function requireCaller(ctx: AlertsContext): string {
  if (!ctx.caller.userId) throw unauthenticated();
  return ctx.caller.userId;
}

/**
 * Returns `userId` when it is the caller's own, else throws FORBIDDEN (UNAUTHENTICATED without a caller).
 * Alerts are private: a User reference reaches this service for anyone, but only its owner reads these fields.
 */
export function requireSelf(ctx: AlertsContext, userId: string): string {
  const caller = requireCaller(ctx);
  if (caller.toLowerCase() !== userId.toLowerCase()) throw forbidden("alerts are private: you can read only your own");
  return caller;
}
