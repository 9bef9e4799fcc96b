import { SignJWT, jwtVerify } from 'jose';
import { roles as knownRoles, type Caller, type Role } from './caller.ts';

const ISSUER = 'petcare-users';
const AUDIENCE = 'petcare-app';
const encoder = new TextEncoder();

/** A signed-in user's bearer token, as the mobile app holds it. */
export interface AccessToken {
  token: string;
  expiresAt: Date;
}

/** Issues the app's bearer token after sign-in (users service), stating the account's roles. */
export async function issueAccessToken(secret: string, userId: string, ttlSeconds: number, roles: readonly Role[] = []): Promise<AccessToken> {
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  const token = await new SignJWT({ roles: [...roles] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(encoder.encode(secret));
  return { token, expiresAt };
}

/** Verifies the app's bearer token (gateway); returns the caller it names or throws jose's error. */
export async function verifyAccessToken(secret: string, token: string): Promise<Caller> {
  const { payload } = await jwtVerify(token, encoder.encode(secret), {
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithms: ['HS256'],
  });
  if (!payload.sub) throw new Error('access token has no subject');
  const claimed = payload['roles'] ?? [];
  // An unknown role (a newer issuer's) grants nothing here rather than failing the whole token.
  const roles = Array.isArray(claimed) ? claimed.filter((r): r is Role => (knownRoles as readonly unknown[]).includes(r)) : [];
  return { userId: payload.sub, roles };
}
