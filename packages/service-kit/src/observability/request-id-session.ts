import type { ApolloServerPlugin } from '@apollo/server';
import type { SubgraphContext } from '../server/subgraph-context.ts';

/**
 * The PostgreSQL setting that holds, inside each transaction a mutation runs, the id of the client request it serves.
 * Tables whose changes flow through CDC copy it into their `request_id` column with a trigger (`stamp_request_id`,
 * in each service's migration), and the connector's RequestIdHeader transform puts it in the change message's
 * `requestId` header. Outside a request it is unset, so the column is null and the message carries no header.
 */
export const REQUEST_ID_SETTING = 'petcare.request_id';

/**
 * Sets {@link REQUEST_ID_SETTING} for every statement a mutation runs, through MikroORM's session context on the
 * request's EntityManager (`set_config(…, true)` at the start of each transaction; a statement outside one is
 * wrapped in a short transaction to carry it). Only mutations: queries write nothing, and the wrapping would cost
 * them round trips.
 */
export function requestIdSessionPlugin<Loaders>(): ApolloServerPlugin<SubgraphContext<Loaders>> {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ operation, contextValue }) => {
        if (operation?.operation !== 'mutation') return;
        contextValue.em.setSessionContext({ variables: { [REQUEST_ID_SETTING]: contextValue.requestId } });
      },
    }),
  };
}
