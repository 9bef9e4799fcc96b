/**
 * WebSocket close codes the gateway ends a subscription connection with, chosen by what graphql-ws clients do
 * with them (client.ts `shouldRetryConnectOrThrow`): 4401 and 4400 are fatal (no retry, the app is told), 1013 and
 * 1001 are retried with backoff.
 */
export const SubscriptionCloseCode = {
  /**
   * The access token is invalid, or expired while connected: retrying with it cannot succeed, so a code clients do
   * not retry. The app signs in again, then reconnects with `after` = the newest alert it holds.
   */
  Unauthorized: 4401,
  /**
   * The app fell behind (its queue overflowed) or the live feed was interrupted: nothing is wrong with the app, and
   * clients retry this code by themselves. Resubscribe with `after` so nothing in between is missed.
   */
  TryAgainLater: 1013,
  /** The gateway is shutting down; clients retry and reach another instance. */
  GoingAway: 1001,
} as const;
