/**
 * WebSocket close codes the gateway ends a subscription connection with, chosen by what graphql-ws clients do
 * with them (client.ts `shouldRetryConnectOrThrow`): 4401 is fatal (no retry, the app is told), 1013 is retried with
 * backoff. (Shutting down, graphql-ws itself closes with 1001 Going Away, which clients retry too.)
 */
export const SubscriptionCloseCode = {
  /**
   * The access token is invalid, or expired while connected, or its account was deleted (at connect, or while
   * connected: the connection closes as soon as the gateway reads the deletion): retrying with it cannot succeed, so
   * a code clients do not retry. The app signs in again, then reconnects with `after` = the newest alert it holds.
   */
  Unauthorized: 4401,
  /**
   * The app fell behind (its queue overflowed) or the live feed was interrupted: nothing is wrong with the app, and
   * clients retry this code by themselves. Resubscribe with `after` so nothing in between is missed.
   */
  TryAgainLater: 1013,
} as const;
