import type { SubgraphContext } from '@petcare/service-kit';
import type { NeighborhoodsLoaders } from './loaders.ts';

/** What the neighborhoods service's resolvers receive. */
export type NeighborhoodsContext = SubgraphContext<NeighborhoodsLoaders>;
