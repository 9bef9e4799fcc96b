import type { ServiceDatabase } from '@petcare/service-kit';
import { User } from './modules/user/user.entity.ts';
import { Device } from './modules/device/device.entity.ts';
import { migrations } from './migrations/index.ts';

/** The users database: its entities and migrations, opened the same way by the service, the seed and the tests. */
export const database: ServiceDatabase = { entities: [User, Device], migrations };
