import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { roles as knownRoles, type Caller, type Role } from './caller.ts';

/** HTTP header the gateway puts its signed caller token in, on every subgraph request. */
export const CALLER_HEADER = 'x-petcare-caller';

const ISSUER = 'petcare-gateway';
const AUDIENCE = 'petcare-subgraph';
// Short on purpose: the token covers one hop of one request, so a leaked one is useless within a minute.
const LIFETIME_SECONDS = 60;

const encoder = new TextEncoder();

/** Signs the caller identity the gateway forwards to subgraphs (HS256, shared secret). */
export async function signCallerToken(secret: string, caller: Caller): Promise<string> {
  const jwt = new SignJWT({ uid: caller.userId, roles: [...caller.roles], ...(caller.clientAddress ? { ip: caller.clientAddress } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${LIFETIME_SECONDS}s`);
  return jwt.sign(encoder.encode(secret));
}

/** Why a caller token was refused; the subgraph reports it to the caller. */
export class CallerTokenError extends Error {
  override name = 'CallerTokenError';
}

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (knownRoles as readonly string[]).includes(value);
}

/** Verifies a caller token; throws CallerTokenError with the reason when it is missing, forged or expired. */
export async function verifyCallerToken(secret: string, token: string | undefined): Promise<Caller> {
  if (!token) throw new CallerTokenError(`missing ${CALLER_HEADER} header: subgraphs accept requests only through the gateway`);
  try {
    const { payload } = await jwtVerify(token, encoder.encode(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
    });
    const uid = payload['uid'];
    if (uid !== null && typeof uid !== 'string') throw new CallerTokenError('caller token has no valid uid claim');
    const claimed = payload['roles'] ?? [];
    if (!Array.isArray(claimed) || !claimed.every(isRole)) throw new CallerTokenError('caller token has an invalid roles claim');
    const ip = payload['ip'];
    return { userId: uid, roles: uid === null ? [] : claimed, ...(typeof ip === 'string' ? { clientAddress: ip } : {}) };
  } catch (error) {
    if (error instanceof CallerTokenError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new CallerTokenError('caller token expired');
    throw new CallerTokenError('caller token signature is not the gateway\'s');
  }
}
