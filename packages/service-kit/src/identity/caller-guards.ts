import { forbidden, unauthenticated } from '../errors/graphql-errors.ts';
import { isUuid } from '../validation/is-uuid.ts';
import type { Caller, Role } from './caller.ts';

/** Anything that carries the verified caller: a resolver context. */
export interface HasCaller {
  caller: Caller;
}

/** The signed-in caller's user id (lower-case UUID), or UNAUTHENTICATED. */
export function requireUserId({ caller }: HasCaller): string {
  if (!caller.userId) throw unauthenticated();
  if (!isUuid(caller.userId)) throw unauthenticated('your session does not name a valid user: sign in again');
  return caller.userId.toLowerCase();
}

/**
 * `userId` when it is the signed-in caller's own, else FORBIDDEN (UNAUTHENTICATED without a caller): for fields
 * that a User reference reaches for anyone but only its owner may read.
 */
export function requireSelf(ctx: HasCaller, userId: string, what: string): string {
  const caller = requireUserId(ctx);
  if (caller !== userId.toLowerCase()) throw forbidden(`${what} are private: you can read only your own`);
  return caller;
}

/** The signed-in caller's user id when the account holds `role`, else FORBIDDEN (UNAUTHENTICATED without a caller). */
export function requireRole(ctx: HasCaller, role: Role): string {
  const userId = requireUserId(ctx);
  if (!ctx.caller.roles.includes(role)) throw forbidden(`only an account with the ${role} role may do this`);
  return userId;
}
