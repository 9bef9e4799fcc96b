import { GraphQLError } from 'graphql';
import { ErrorCode } from '@petcare/service-kit';

/** The caller is signed in but the thing asked for is someone else's. */
export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.Forbidden } });
}
