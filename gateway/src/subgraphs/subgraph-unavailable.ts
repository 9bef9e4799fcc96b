import { GraphQLError } from 'graphql';

/** `extensions.code` of a field left null because its subgraph could not answer; the app may retry. */
export const SUBGRAPH_UNAVAILABLE = 'SERVICE_UNAVAILABLE';

/** What the client sees when a subgraph is down or refused the gateway: no internal URL, just which part failed. */
export function subgraphUnavailable(subgraph: string, why = 'is unavailable'): GraphQLError {
  return new GraphQLError(`the ${subgraph} service ${why}; try again shortly`, {
    extensions: { code: SUBGRAPH_UNAVAILABLE, serviceName: subgraph },
  });
}
