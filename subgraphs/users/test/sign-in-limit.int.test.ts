import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLER_HEADER, signCallerToken } from '@petcare/service-kit';
import { startTestSubgraph, TEST_GATEWAY_SECRET, type TestSubgraph } from '@petcare/service-kit/testing';
import { loadConfig } from '../src/config.ts';
import { buildUsersService, type UsersService } from '../src/server.ts';

let users: TestSubgraph<UsersService>;
const PER_ACCOUNT = 3;
const PER_ADDRESS = 8;

/** A sign-in as the gateway forwards it, from `clientAddress`. */
async function signIn(email: string, password: string, clientAddress: string) {
  const res = await fetch(users.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CALLER_HEADER]: await signCallerToken(TEST_GATEWAY_SECRET, { userId: null, roles: [], clientAddress }) },
    body: JSON.stringify({ query: 'mutation ($input: SignInInput!) { signIn(input: $input) { token } }', variables: { input: { email, password } } }),
  });
  const body = (await res.json()) as { data?: { signIn: { token: string } } | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  return { code: body.errors?.[0]?.extensions?.['code'] ?? 'OK', body };
}

beforeAll(async () => {
  const env = {
    ACCESS_TOKEN_SECRET: 'test-access-token-secret-0123456789abc',
    SIGN_IN_FAILURES_PER_ACCOUNT: String(PER_ACCOUNT),
    SIGN_IN_FAILURES_PER_ADDRESS: String(PER_ADDRESS),
    SIGN_IN_WINDOW_SECONDS: '600',
  };
  users = await startTestSubgraph('users', (base, log) => buildUsersService(loadConfig(base), log), env);
  for (const email of ['mina@example.com', 'joon@example.com']) {
    const up = await users.call(`mutation { signUp(input: { email: "${email}", password: "correct horse", displayName: "x" }) { token } }`);
    expect(up.errors).toBeUndefined();
  }
});

afterAll(() => users?.close());

describe('sign-in limits', () => {
  it('refuses an account after N failures with a retry-after, even with the right password, and the same way for an unknown e-mail', async () => {
    for (let i = 0; i < PER_ACCOUNT; i++) expect((await signIn('mina@example.com', 'wrong password', `10.0.0.${i}`)).code).toBe('UNAUTHENTICATED');
    const limited = await signIn('mina@example.com', 'correct horse', '10.0.1.1');
    expect(limited.code).toBe('TOO_MANY_REQUESTS');
    const retryAfter = limited.body.errors?.[0]?.extensions?.['retryAfterSeconds'];
    expect(retryAfter).toBeGreaterThan(500);
    expect(retryAfter).toBeLessThanOrEqual(600);

    // An e-mail without an account answers exactly like one with: the limit reveals nothing.
    const unknown = [];
    for (let i = 0; i <= PER_ACCOUNT; i++) unknown.push((await signIn('nobody@example.com', 'wrong password', `10.0.2.${i}`)).code);
    expect(unknown).toEqual([...Array(PER_ACCOUNT).fill('UNAUTHENTICATED'), 'TOO_MANY_REQUESTS']);
    const withoutSeconds = (answer: Awaited<ReturnType<typeof signIn>>) => answer.body.errors?.[0]?.message.replace(/\d+/g, 'N');
    expect(withoutSeconds(await signIn('nobody@example.com', 'x', '10.0.2.9'))).toBe(withoutSeconds(limited));

    // Another account is not affected.
    expect((await signIn('joon@example.com', 'correct horse', '10.0.1.1')).code).toBe('OK');
  });

  it('refuses a client address after N failures across e-mails, others still sign in', async () => {
    for (let i = 0; i < PER_ADDRESS; i++) expect((await signIn(`guess${i}@example.com`, 'wrong password', '192.0.2.7')).code).toBe('UNAUTHENTICATED');
    expect((await signIn('joon@example.com', 'correct horse', '192.0.2.7')).code).toBe('TOO_MANY_REQUESTS');
    expect((await signIn('joon@example.com', 'correct horse', '192.0.2.8')).code).toBe('OK');
  });

  it('forgets an account\'s failures once it signs in', async () => {
    for (let i = 0; i < PER_ACCOUNT - 1; i++) await signIn('joon@example.com', 'wrong password', '198.51.100.1');
    expect((await signIn('joon@example.com', 'correct horse', '198.51.100.2')).code).toBe('OK');
    for (let i = 0; i < PER_ACCOUNT - 1; i++) expect((await signIn('joon@example.com', 'wrong password', '198.51.100.3')).code).toBe('UNAUTHENTICATED');
    expect((await signIn('joon@example.com', 'correct horse', '198.51.100.4')).code).toBe('OK');
  });
});
