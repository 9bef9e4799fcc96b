import { errors as joseErrors } from 'jose';
import { verifyAccessToken, type Caller } from '@petcare/service-kit';

/** The app sent an Authorization header the gateway cannot honour; the message tells the app what to do. */
export class AccessTokenError extends Error {
  override name = 'AccessTokenError';
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Turns the app's `Authorization` header into the caller the gateway vouches for. No header means an
 * anonymous caller; a header that is there but unusable (not a bearer token, forged, expired) throws
 * AccessTokenError, so the app learns to sign in again instead of silently losing `me`.
 */
export async function callerFromAuthorization(accessTokenSecret: string, authorization: string | undefined): Promise<Caller> {
  if (authorization === undefined || authorization.trim() === '') return { userId: null, roles: [] };
  const token = BEARER.exec(authorization)?.[1];
  if (!token) throw new AccessTokenError('Authorization header must be "Bearer <token>"');
  try {
    return await verifyAccessToken(accessTokenSecret, token);
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new AccessTokenError('access token expired: sign in again');
    throw new AccessTokenError('access token is invalid: sign in again');
  }
}
