import type { EntityManager } from '@mikro-orm/postgresql';
import { issueAccessToken } from '@petcare/service-kit';
import type { UsersConfig } from '../../config.ts';
import type { User } from '../user/user.entity.ts';
import { issueRefreshToken, type IssuedRefreshToken } from './refresh-tokens.ts';

/** Token lifetimes and the secret access tokens are signed with. */
export type SessionConfig = Pick<UsersConfig, 'ACCESS_TOKEN_SECRET' | 'ACCESS_TOKEN_TTL_SECONDS' | 'REFRESH_TOKEN_TTL_SECONDS'>;

/** What signUp, signIn, refreshAccessToken and changePassword answer (AuthPayload). */
export interface Session extends IssuedRefreshToken {
  token: string;
  expiresAt: Date;
  user: User;
}

/**
 * A short-lived access token for `user` (its roles as of now) with a refresh token: a new sign-in, or, given
 * `refresh`, the next token of an existing one (see rotateRefreshToken).
 */
export async function session(em: EntityManager, config: SessionConfig, user: User, refresh?: IssuedRefreshToken): Promise<Session> {
  const { token, expiresAt } = await issueAccessToken(config.ACCESS_TOKEN_SECRET, user.id, config.ACCESS_TOKEN_TTL_SECONDS, user.roles);
  return { token, expiresAt, user, ...(refresh ?? (await issueRefreshToken(em, user.id, config.REFRESH_TOKEN_TTL_SECONDS))) };
}
