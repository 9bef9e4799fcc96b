import type express from 'express';

/** How long an app is told to wait before retrying while the gateway catches up (seconds). */
export const ACCOUNTS_NOT_READY_RETRY_AFTER_S = 1;

/**
 * Answers 503 SERVICE_UNAVAILABLE with `Retry-After` to a request carrying an Authorization header while
 * `caughtUp()` is false: until the gateway has read the deleted accounts to the end of their topic it cannot tell a
 * deleted account's token from a live one, and refusing for a second is better than honouring a dead account.
 * Anonymous requests (sign-in, sign-up, public reads) are served meanwhile.
 */
export function accountsReadyMiddleware(caughtUp: () => boolean): express.RequestHandler {
  return (req, res, next) => {
    if (caughtUp() || !req.header('authorization')?.trim()) return next();
    res.setHeader('Retry-After', String(ACCOUNTS_NOT_READY_RETRY_AFTER_S));
    res.status(503).json({
      errors: [{ message: 'the gateway is starting (reading deleted accounts): retry shortly', extensions: { code: 'SERVICE_UNAVAILABLE' } }],
    });
  };
}
