import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context.ts';
import { costLimitError } from './cost-limit.ts';

/**
 * Refuses an HTTP operation over its cost budget before the query planner sees it. It runs once the operation is
 * resolved (parsed, validated, named), because the page sizes it counts may come from the request's variables.
 */
export function costLimitPlugin(maxCost: number): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operationName, request }) {
          const error = costLimitError(schema, document, operationName, request.variables, maxCost);
          if (error) throw error;
        },
      };
    },
  };
}
