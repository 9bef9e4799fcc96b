import { GraphQLError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context.ts';

/**
 * Refuses a subscription sent over HTTP with a message saying where subscriptions are served, instead of
 * @apollo/gateway's internal error ("Execution of subscriptions not supported by gateway").
 */
export function subscriptionsOverWebSocket(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'subscription') return;
          throw new GraphQLError(
            'subscriptions are served over WebSocket (graphql-ws, subprotocol graphql-transport-ws) at this same URL; HTTP serves queries and mutations',
            {
              extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
            },
          );
        },
      };
    },
  };
}
