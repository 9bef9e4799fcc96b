import type { Platform } from '@mikro-orm/postgresql';
import type { Role } from '@petcare/service-kit';
import type { User } from './user.entity.ts';

/**
 * An account as the API reads it (never its password hash): the entity's fields as plain data, which a loaded entity
 * also is. `me` and the gateway's entity lookups, behind every signed-in screen, read these from one bound statement
 * instead of hydrating entities (MikroORM's hydration kept each request's objects alive into the next scavenge, see
 * executeBound); changing an account loads the entity.
 */
export type UserRecord = Pick<User, 'id' | 'email' | 'displayName' | 'roles' | 'createdAt' | 'updatedAt'>;

/** The columns a UserRecord is read from. */
export const userColumns = 'id, email, display_name, roles, created_at, updated_at';

/** A row selected with `userColumns` as a UserRecord; MikroORM's platform parses timestamps as its hydration would. */
export function userRecord(row: Record<string, unknown>, platform: Platform): UserRecord {
  return {
    id: String(row['id']),
    email: String(row['email']),
    displayName: String(row['display_name']),
    roles: (row['roles'] as Role[] | null) ?? [],
    createdAt: platform.parseDate(row['created_at'] as string) as Date,
    updatedAt: platform.parseDate(row['updated_at'] as string) as Date,
  };
}
