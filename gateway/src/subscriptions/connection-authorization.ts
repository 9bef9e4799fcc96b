import { AccessTokenError } from '../identity/caller-from-authorization.ts';

/**
 * The Authorization value of a graphql-ws connection_init payload. The app sends `{"Authorization": "Bearer <token>"}`
 * (the HTTP header's name and form); `authorization` and a bare `{"token": "<token>"}` are accepted too, since
 * clients differ in how they spell it. Absent: an anonymous connection. Not a string: AccessTokenError.
 */
export function authorizationFromConnectionParams(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (!params) return undefined;
  const value = params['Authorization'] ?? params['authorization'];
  if (value !== undefined && value !== null) {
    if (typeof value !== 'string') throw new AccessTokenError('connection_init payload: Authorization must be the string "Bearer <token>"');
    return value;
  }
  const token = params['token'];
  if (token === undefined || token === null) return undefined;
  if (typeof token !== 'string') throw new AccessTokenError('connection_init payload: token must be a string');
  return `Bearer ${token}`;
}
