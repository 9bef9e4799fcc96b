import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { entityLoader, isUuid } from '@petcare/service-kit';
import { User } from './modules/user/user.entity.ts';
import { Device } from './modules/device/device.entity.ts';

/** Per-request batches: one SQL query per entity type however many rows a request asks for. */
export interface UsersLoaders {
  userById: DataLoader<string, User | null>;
  devicesByUserId: DataLoader<string, Device[]>;
}

/** Builds a request's loaders on its forked EntityManager. */
export function createLoaders(em: EntityManager): UsersLoaders {
  return {
    userById: entityLoader(em, User, { accept: isUuid }),
    devicesByUserId: new DataLoader(async (userIds) => {
      const devices = await em.find(Device, { user: { $in: [...userIds] } }, { orderBy: { registeredAt: 'asc' } });
      return userIds.map((id) => devices.filter((d) => d.user.id === id));
    }),
  };
}
