import type { ServiceDatabase } from '@petcare/service-kit';
import { Alert } from './modules/alert/alert.entity.ts';
import { migrations } from './migrations/index.ts';

/** The alerts database: its entities and migrations, opened the same way by the service, the seed and the tests. */
export const database: ServiceDatabase = { entities: [Alert], migrations };
