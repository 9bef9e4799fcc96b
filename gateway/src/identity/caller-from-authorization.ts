import { decodeJwt, errors as joseErrors } from 'jose';
import { verifyAccessToken, type Caller } from '@petcare/service-kit';

/** The app sent an Authorization header the gateway cannot honour; the message tells the app what to do. */
export class AccessTokenError extends Error {
  override name = 'AccessTokenError';
}

/** A verified Authorization value: who calls, and until when the token is accepted. */
export interface VerifiedAuthorization {
  caller: Caller;
  /** When the bearer token expires (ms since the epoch); null for an anonymous caller. A WebSocket closes then. */
  expiresAt: number | null;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Turns the app's `Authorization` value (HTTP header, or the graphql-ws connection_init payload) into the caller
 * the gateway vouches for and the token's expiry. No value means an anonymous caller; a value that is there but
 * unusable (not a bearer token, forged, expired) throws AccessTokenError, so the app learns to sign in again
 * instead of silently losing `me`.
 */
export async function verifyAuthorization(accessTokenSecret: string, authorization: string | undefined): Promise<VerifiedAuthorization> {
  if (authorization === undefined || authorization.trim() === '') return { caller: { userId: null, roles: [] }, expiresAt: null };
  const token = BEARER.exec(authorization)?.[1];
  if (!token) throw new AccessTokenError('Authorization header must be "Bearer <token>"');
  try {
    const caller = await verifyAccessToken(accessTokenSecret, token);
    const { exp } = decodeJwt(token);
    return { caller, expiresAt: exp === undefined ? null : exp * 1000 };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new AccessTokenError('access token expired: sign in again');
    throw new AccessTokenError('access token is invalid: sign in again');
  }
}
