import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { ErrorCode } from '../errors/error-codes.ts';
import type { Caller } from '../identity/caller.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express types its per-response locals through this global namespace.
  namespace Express {
    interface Locals {
      /** The caller the gateway vouched for, set by the signature check before GraphQL runs. */
      caller: Caller;
    }
  }
}

/**
 * Express middleware that establishes who is calling before GraphQL runs: `identify` returns the caller (put
 * in `res.locals.caller`), or throws a `Refusal`, answered 401 UNAUTHENTICATED with its message and logged
 * with `why`; any other error goes on to Express.
 */
export function callerMiddleware(
  identify: (header: (name: string) => string | undefined) => Promise<Caller>,
  Refusal: abstract new (...args: never[]) => Error,
  log: Logger,
  why: string,
): RequestHandler {
  return async (req, res, next) => {
    try {
      res.locals.caller = await identify((name) => req.header(name));
      next();
    } catch (error) {
      if (!(error instanceof Refusal)) return next(error);
      log.warn({ reason: error.message, ip: req.ip }, why);
      res.status(401).json({ errors: [{ message: error.message, extensions: { code: ErrorCode.Unauthenticated } }] });
    }
  };
}
