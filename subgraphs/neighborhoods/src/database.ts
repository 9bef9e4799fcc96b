import type { ServiceDatabase } from '@petcare/service-kit';
import { Neighborhood } from './modules/neighborhood/neighborhood.entity.ts';
import { NeighborhoodVerification } from './modules/neighborhood-verification/neighborhood-verification.entity.ts';
import { migrations } from './migrations/index.ts';

/** The neighborhoods database: its entities and migrations, opened the same way by the service, the seed and the tests. */
export const database: ServiceDatabase = { entities: [Neighborhood, NeighborhoodVerification], migrations };
