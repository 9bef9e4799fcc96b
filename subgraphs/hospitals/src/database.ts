import type { ServiceDatabase } from '@petcare/service-kit';
import { Hospital } from './modules/hospital/hospital.entity.ts';
import { migrations } from './migrations/index.ts';

/** The hospitals database: its entities and migrations, opened the same way by the service, the seed and the tests. */
export const database: ServiceDatabase = { entities: [Hospital], migrations };
