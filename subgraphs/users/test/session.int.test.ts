import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAccessToken } from '@petcare/service-kit';
import { startTestSubgraph, type TestSubgraph } from '@petcare/service-kit/testing';
import { loadConfig } from '../src/config.ts';
import { buildUsersService, type UsersService } from '../src/server.ts';

const secret = 'test-access-token-secret-0123456789abc';
let users: TestSubgraph<UsersService>;
const call = <T = any>(query: string, variables: Record<string, unknown> = {}, userId: string | null = null) => users.call<T>(query, variables, userId);

const PAIR = 'token expiresAt refreshToken refreshTokenExpiresAt user { id }';
const signUp = async (email: string) => (await call(`mutation ($input: SignUpInput!) { signUp(input: $input) { ${PAIR} } }`, { input: { email, password: 'correct horse', displayName: 'x' } })).data.signUp;
const refresh = (refreshToken: string) => call(`mutation ($t: String!) { refreshAccessToken(refreshToken: $t) { ${PAIR} } }`, { t: refreshToken });
const codeOf = (answer: { errors?: { extensions?: Record<string, unknown> }[] }) => answer.errors?.[0]?.extensions?.['code'] ?? 'OK';

beforeAll(async () => {
  users = await startTestSubgraph('users', (base, log) => buildUsersService(loadConfig(base), log), { ACCESS_TOKEN_SECRET: secret });
});

afterAll(() => users?.close());

describe('sign-ins: short access tokens, rotating refresh tokens', () => {
  it('issues a 15-minute access token and a refresh token that trades once for a new pair', async () => {
    const first = await signUp('mina@example.com');
    const minutes = (Date.parse(first.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    expect(Date.parse(first.refreshTokenExpiresAt) - Date.now()).toBeGreaterThan(29 * 24 * 3600_000);

    const second = (await refresh(first.refreshToken)).data.refreshAccessToken;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await verifyAccessToken(secret, second.token)).userId).toBe(first.user.id);
  });

  it('revokes the whole sign-in when a spent refresh token is presented again, the newer one included', async () => {
    const first = await signUp('joon@example.com');
    const second = (await refresh(first.refreshToken)).data.refreshAccessToken;
    const replay = await refresh(first.refreshToken);
    expect(codeOf(replay)).toBe('UNAUTHENTICATED');
    expect(replay.errors?.[0]?.message).toContain('already used');
    expect(codeOf(await refresh(second.refreshToken))).toBe('UNAUTHENTICATED');
    // Another sign-in of the same account is untouched.
    const other = (await call(`mutation { signIn(input: { email: "joon@example.com", password: "correct horse" }) { ${PAIR} } }`)).data.signIn;
    expect(codeOf(await refresh(other.refreshToken))).toBe('OK');
  });

  it('lets one of two simultaneous uses of a token through, never both', async () => {
    const first = await signUp('race@example.com');
    const answers = await Promise.all([refresh(first.refreshToken), refresh(first.refreshToken)]);
    expect(answers.map(codeOf).sort()).toEqual(['OK', 'UNAUTHENTICATED']);
  });

  it('ends a sign-in on signOut', async () => {
    const first = await signUp('bye@example.com');
    expect((await call(`mutation ($t: String!) { signOut(refreshToken: $t) }`, { t: first.refreshToken })).data.signOut).toBe(true);
    expect(codeOf(await refresh(first.refreshToken))).toBe('UNAUTHENTICATED');
    expect((await call(`mutation { signOut(refreshToken: "nope") }`)).data.signOut).toBe(false);
  });

  it('ends every sign-in on a password change, which needs the current password', async () => {
    const first = await signUp('pw@example.com');
    const changePassword = (currentPassword: string) =>
      call(`mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { ${PAIR} } }`, { input: { currentPassword, newPassword: 'battery staple' } }, first.user.id);
    expect(codeOf(await changePassword('wrong one'))).toBe('UNAUTHENTICATED');
    const changed = (await changePassword('correct horse')).data.changePassword;
    expect(codeOf(await refresh(first.refreshToken))).toBe('UNAUTHENTICATED');
    expect(codeOf(await refresh(changed.refreshToken))).toBe('OK');
    expect(codeOf(await call(`mutation { signIn(input: { email: "pw@example.com", password: "battery staple" }) { token } }`))).toBe('OK');
  });

  it('exposes Prometheus metrics of its requests', async () => {
    const text = await (await fetch(users.url.replace('/graphql', '/metrics'))).text();
    expect(text).toMatch(/graphql_requests_total\{operation="anonymous",outcome="ok",service="users"\} [1-9]/);
  });

  it('ends every sign-in with the account', async () => {
    const first = await signUp('gone@example.com');
    expect((await call('mutation { deleteAccount }', {}, first.user.id)).data.deleteAccount).toBe(true);
    expect(codeOf(await refresh(first.refreshToken))).toBe('UNAUTHENTICATED');
  });
});
