import type { SubgraphContext } from '@petcare/service-kit';
import type { HospitalsLoaders } from './loaders.ts';

/** What the hospitals service's resolvers receive. */
export type HospitalsContext = SubgraphContext<HospitalsLoaders>;
