import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { executeBound, isUuid } from '@petcare/service-kit';
import { Device } from './modules/device/device.entity.ts';
import { userColumns, userRecord, type UserRecord } from './modules/user/user-record.ts';

/** Per-request batches: one SQL query per entity type however many rows a request asks for. */
export interface UsersLoaders {
  /** Accounts as read by the API; a mutation loads the entity instead (see requireUser). */
  userById: DataLoader<string, UserRecord | null>;
  devicesByUserId: DataLoader<string, Device[]>;
}

/** Builds a request's loaders on its forked EntityManager. */
export function createLoaders(em: EntityManager): UsersLoaders {
  return {
    userById: new DataLoader(async (ids) => {
      const wanted = ids.filter(isUuid).map((id) => id.toLowerCase());
      const rows = wanted.length === 0 ? [] : await executeBound(em, `select ${userColumns} from app_user where id = any($1::uuid[])`, [wanted], {
        prepared: true,
      });
      const platform = em.getPlatform();
      const byId = new Map(rows.map((row) => [String(row['id']), userRecord(row, platform)]));
      return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
    }),
    devicesByUserId: new DataLoader(async (userIds) => {
      const devices = await em.find(Device, { user: { $in: [...userIds] } }, { orderBy: { registeredAt: 'asc' } });
      return userIds.map((id) => devices.filter((d) => d.user.id === id));
    }),
  };
}
