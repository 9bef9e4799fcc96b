import type { SubgraphContext } from '@petcare/service-kit';
import type { AlertsLoaders } from './loaders.ts';

/** What the alerts service's resolvers receive. */
export type AlertsContext = SubgraphContext<AlertsLoaders>;
