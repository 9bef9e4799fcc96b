import type { SubgraphContext } from '@petcare/service-kit';
import type { UsersLoaders } from './loaders.ts';

/** What the users service's resolvers receive. */
export type UsersContext = SubgraphContext<UsersLoaders>;
