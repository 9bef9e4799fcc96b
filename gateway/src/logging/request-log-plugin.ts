import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context.ts';

/**
 * Logs one line per GraphQL request: operation name, duration, error count and the caller's user id.
 * Never the token, the variables or the query text: they can hold passwords and FCM tokens.
 */
export function requestLogPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ response, operationName, errors }) {
          const body = response.body;
          const errorCount = body.kind === 'single' ? (body.singleResult.errors?.length ?? 0) : (errors?.length ?? 0);
          contextValue.log.info(
            {
              operationName: operationName ?? null,
              durationMs: Math.round((performance.now() - started) * 10) / 10,
              errors: errorCount,
              callerId: contextValue.caller.userId,
              status: response.http.status ?? 200,
            },
            'graphql request',
          );
        },
      };
    },
  };
}
