import { SignJWT, jwtVerify } from 'jose';

const ISSUER = 'petcare-users';
const AUDIENCE = 'petcare-app';
const encoder = new TextEncoder();

/** A signed-in user's bearer token, as the mobile app holds it. */
export interface AccessToken {
  token: string;
  expiresAt: Date;
}

/** Issues the app's bearer token after sign-in (users service). */
export async function issueAccessToken(secret: string, userId: string, ttlSeconds: number): Promise<AccessToken> {
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(encoder.encode(secret));
  return { token, expiresAt };
}

/** Verifies the app's bearer token (gateway); returns the user id or throws jose's error. */
export async function verifyAccessToken(secret: string, token: string): Promise<string> {
  const { payload } = await jwtVerify(token, encoder.encode(secret), {
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithms: ['HS256'],
  });
  if (!payload.sub) throw new Error('access token has no subject');
  return payload.sub;
}
