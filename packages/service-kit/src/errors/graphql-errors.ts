import { GraphQLError } from 'graphql';
import { ErrorCode } from './error-codes.ts';

/** Input the caller can fix: names the argument or input field (dot path) and what is wrong with it. */
export function badUserInput(field: string, problem: string): GraphQLError {
  return new GraphQLError(`${field}: ${problem}`, { extensions: { code: ErrorCode.BadUserInput, field } });
}

/** A field that needs a signed-in user was asked for without one. */
export function unauthenticated(message = 'sign in first: this field needs a signed-in user'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.Unauthenticated } });
}

/** The thing named does not exist, or not for this caller; `field` names the argument that named it. */
export function notFound(what: string, field?: string): GraphQLError {
  return new GraphQLError(`${field ? `${field}: ` : ''}${what} not found`, { extensions: { code: ErrorCode.NotFound, ...(field ? { field } : {}) } });
}

/** The input is well-formed but clashes with existing state (e.g. an e-mail already registered). */
export function conflict(field: string, problem: string): GraphQLError {
  return new GraphQLError(`${field}: ${problem}`, { extensions: { code: ErrorCode.Conflict, field } });
}

/** The caller is signed in but the thing asked for is someone else's. */
export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.Forbidden } });
}

/** Refused for now after too many attempts (failed sign-ins); the app may try again after `retryAfterSeconds`. */
export function tooManyRequests(message: string, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.TooManyRequests, retryAfterSeconds } });
}
