import { describe, expect, it } from 'vitest';
import { authorizationFromConnectionParams } from '../src/subscriptions/connection-authorization.ts';
import { AccessTokenError } from '../src/identity/caller-from-authorization.ts';

describe('authorizationFromConnectionParams', () => {
  it('reads the bearer token as the app sends it, in the spellings clients use', () => {
    expect(authorizationFromConnectionParams({ Authorization: 'Bearer t1' })).toBe('Bearer t1');
    expect(authorizationFromConnectionParams({ authorization: 'Bearer t2' })).toBe('Bearer t2');
    expect(authorizationFromConnectionParams({ token: 't3' })).toBe('Bearer t3');
  });

  it('is anonymous without one, and refuses a value that is not a string', () => {
    expect(authorizationFromConnectionParams(undefined)).toBeUndefined();
    expect(authorizationFromConnectionParams({})).toBeUndefined();
    expect(() => authorizationFromConnectionParams({ Authorization: { bearer: 't' } })).toThrow(AccessTokenError);
    expect(() => authorizationFromConnectionParams({ token: 42 })).toThrow(/token must be a string/);
  });
});
