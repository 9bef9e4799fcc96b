/**
 * Who is calling, as the gateway vouches for it. `userId` is null for an anonymous caller
 * (sign-up, sign-in, public lookups); the gateway still signs those so a subgraph can tell
 * "came through the gateway" from "called directly".
 */
export interface Caller {
  userId: string | null;
}
