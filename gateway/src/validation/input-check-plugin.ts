import { GraphQLError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context.ts';
import { AcceptedDocuments } from './accepted-documents.ts';
import { inputError } from './input-check.ts';

/**
 * Before planning: refuses a document whose operation to run cannot be told (several operations and no
 * `operationName`, or a name none has) with 400 BAD_REQUEST (@apollo/gateway would answer 500), and any argument
 * value no subgraph can use with BAD_USER_INPUT naming its field (see inputError).
 */
export function inputCheckPlugin(): ApolloServerPlugin<GatewayContext> {
  const accepted = new AcceptedDocuments();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, operationName, request }) {
          if (!operation) {
            const message = request.operationName
              ? `the document has no operation named "${request.operationName}"`
              : 'the document holds several operations: say which to run with operationName';
            throw new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
          }
          const error = accepted.check(schema, document, operation, () => inputError(schema, document, operationName, request.variables));
          if (error) throw error;
        },
      };
    },
  };
}
