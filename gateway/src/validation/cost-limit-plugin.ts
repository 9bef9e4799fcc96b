import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context.ts';
import { AcceptedDocuments } from './accepted-documents.ts';
import { costLimitError } from './cost-limit.ts';

/**
 * Refuses an HTTP operation over its cost budget before the query planner sees it. It runs once the operation is
 * resolved (parsed, validated, named), because the page sizes it counts may come from the request's variables.
 */
export function costLimitPlugin(maxCost: number): ApolloServerPlugin<GatewayContext> {
  const accepted = new AcceptedDocuments();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, operationName, request }) {
          // No operation to run: the input check refuses the request, naming why.
          if (!operation) return;
          const error = accepted.check(schema, document, operation, () => costLimitError(schema, document, operationName, request.variables, maxCost));
          if (error) throw error;
        },
      };
    },
  };
}
