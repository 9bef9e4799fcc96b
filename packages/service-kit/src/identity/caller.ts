/** Roles a user account can hold beyond being a user; granted from the command line, never through the API. */
export const roles = ['OPERATOR'] as const;

/** One of {@link roles}. */
export type Role = (typeof roles)[number];

/**
 * Who is calling, as the gateway vouches for it. `userId` is null for an anonymous caller
 * (sign-up, sign-in, public lookups); the gateway still signs those so a subgraph can tell
 * "came through the gateway" from "called directly". `roles` are the account's roles as its
 * access token states them (empty for anonymous callers and plain users).
 */
export interface Caller {
  userId: string | null;
  roles: readonly Role[];
  /**
   * The network address the request reached the gateway from, as the gateway saw it; what per-client limits (sign-in
   * attempts) count by. Absent on the gateway's own requests and in tests that do not set it.
   */
  clientAddress?: string | undefined;
}
