import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

/** A refresh token as handed to the app: shown once, stored only as its hash. */
export interface IssuedRefreshToken {
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

/** What presenting a refresh token came to: the next one (and whose it is), or why not. */
export type Rotation =
  | { userId: string; next: IssuedRefreshToken }
  | { refused: 'unknown' | 'expired' | 'reused' };

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** Issues a refresh token of `familyId` (a new sign-in when omitted), valid `ttlSeconds`. */
export async function issueRefreshToken(em: EntityManager, userId: string, ttlSeconds: number, familyId: string = randomUUID()): Promise<IssuedRefreshToken> {
  const refreshToken = randomBytes(32).toString('base64url');
  const refreshTokenExpiresAt = new Date(Date.now() + ttlSeconds * 1000);
  await em.execute('insert into refresh_token (id, user_id, family_id, token_hash, expires_at) values (?, ?, ?, ?, ?)', [
    randomUUID(),
    userId,
    familyId,
    hashOf(refreshToken),
    refreshTokenExpiresAt,
  ]);
  return { refreshToken, refreshTokenExpiresAt };
}

/**
 * Spends a refresh token and issues the next of its family, in one transaction holding the token's row lock, so two
 * uses of one token cannot both succeed. A token already spent is a replay (stolen, or a client bug): its whole
 * family is revoked, the legitimate holder's newer token included, and the sign-in must be done again (OAuth 2.0
 * Security BCP, refresh token rotation with reuse detection).
 */
export async function rotateRefreshToken(em: EntityManager, token: string, ttlSeconds: number): Promise<Rotation> {
  return em.transactional(async (tx) => {
    const [row] = await tx.execute<{ id: string; user_id: string; family_id: string; expired: boolean; used: boolean; revoked: boolean }[]>(
      `select id, user_id, family_id, expires_at <= now() as expired, used_at is not null as used, revoked_at is not null as revoked
       from refresh_token where token_hash = ? for update`,
      [hashOf(token)],
    );
    if (!row) return { refused: 'unknown' as const };
    if (row.used) {
      await tx.execute('update refresh_token set revoked_at = now() where family_id = ? and revoked_at is null', [row.family_id]);
      return { refused: 'reused' as const };
    }
    if (row.revoked || row.expired) return { refused: 'expired' as const };
    await tx.execute('update refresh_token set used_at = now() where id = ?', [row.id]);
    return { userId: row.user_id, next: await issueRefreshToken(tx, row.user_id, ttlSeconds, row.family_id) };
  });
}

/** Revokes the sign-in (family) `token` belongs to; false when the token is unknown. */
export async function revokeFamilyOf(em: EntityManager, token: string): Promise<boolean> {
  const rows = await em.execute<{ family_id: string }[]>('select family_id from refresh_token where token_hash = ?', [hashOf(token)]);
  const family = rows[0]?.family_id;
  if (!family) return false;
  await em.execute('update refresh_token set revoked_at = now() where family_id = ? and revoked_at is null', [family]);
  return true;
}

/** Revokes every sign-in of a user (a password change). */
export async function revokeAllOf(em: EntityManager, userId: string): Promise<void> {
  await em.execute('update refresh_token set revoked_at = now() where user_id = ? and revoked_at is null', [userId]);
}
