import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role } from '@petcare/service-kit';
import { normalizeEmail } from './user.validation.ts';

/** What a grant or revoke did to one account. */
export type RoleChange = { outcome: 'changed' | 'unchanged'; email: string; roles: Role[] } | { outcome: 'no-such-account'; email: string };

/** One account that holds at least one role. */
export interface RoleHolder {
  email: string;
  displayName: string;
  roles: Role[];
}

// One statement each, so two operators granting at once cannot lose each other's change; `updated_at` moves only
// when the roles did, which keeps a repeated grant a true no-op.
const grantSql = `update app_user set roles = array_append(roles, ?::text), updated_at = now()
  where email = ? and not (? = any(roles)) returning roles`;
const revokeSql = `update app_user set roles = array_remove(roles, ?::text), updated_at = now()
  where email = ? and ? = any(roles) returning roles`;

async function change(em: EntityManager, sql: string, role: Role, rawEmail: string): Promise<RoleChange> {
  const email = normalizeEmail(rawEmail);
  const connection = em.getConnection();
  const [changed] = await connection.execute<{ roles: Role[] }[]>(sql, [role, email, role]);
  if (changed) return { outcome: 'changed', email, roles: changed.roles };
  const [existing] = await connection.execute<{ roles: Role[] }[]>('select roles from app_user where email = ?', [email]);
  return existing ? { outcome: 'unchanged', email, roles: existing.roles } : { outcome: 'no-such-account', email };
}

/** Gives an account a role (idempotent). It shows in the account's access tokens from its next sign-in. */
export function grantRole(em: EntityManager, role: Role, email: string): Promise<RoleChange> {
  return change(em, grantSql, role, email);
}

/** Takes a role from an account (idempotent). Tokens already issued keep it until they expire. */
export function revokeRole(em: EntityManager, role: Role, email: string): Promise<RoleChange> {
  return change(em, revokeSql, role, email);
}

/** Every account holding a role, by e-mail. */
export function listRoleHolders(em: EntityManager): Promise<RoleHolder[]> {
  return em.getConnection().execute<RoleHolder[]>(
    `select email, display_name as "displayName", roles from app_user where cardinality(roles) > 0 order by email`,
  );
}
