import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callsWithoutGateway, recordQueries, startTestSubgraph, type TestSubgraph } from '@petcare/service-kit/testing';
import { loadConfig } from '../src/config.ts';
import { buildUsersService, type UsersService } from '../src/server.ts';

let users: TestSubgraph<UsersService>;
const call = <T = any>(query: string, variables: Record<string, unknown> = {}, userId: string | null = null) => users.call<T>(query, variables, userId);

const SIGN_UP = `mutation ($input: SignUpInput!) { signUp(input: $input) { token user { id email displayName } } }`;

beforeAll(async () => {
  const env = { ACCESS_TOKEN_SECRET: 'test-access-token-secret-0123456789abc' };
  users = await startTestSubgraph('users', (base, log) => buildUsersService(loadConfig(base), log), env);
});

afterAll(() => users?.close());

describe('users subgraph', () => {
  it('signs up, signs in and answers me', async () => {
    const up = await call(SIGN_UP, { input: { email: 'Mina@Example.com', password: 'correct horse', displayName: ' 미나 ' } });
    expect(up.errors).toBeUndefined();
    expect(up.data.signUp.user).toMatchObject({ email: 'mina@example.com', displayName: '미나' });
    const id = up.data.signUp.user.id;

    const bad = await call(`mutation { signIn(input: {email: "mina@example.com", password: "wrong password"}) { token } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const ok = await call(`mutation { signIn(input: {email: "MINA@example.com", password: "correct horse"}) { token user { id } } }`);
    expect(ok.data.signIn.user.id).toBe(id);

    const me = await call(`{ me { id email } }`, {}, id);
    expect(me.data.me).toEqual({ id, email: 'mina@example.com' });
  });

  it('rejects bad input with a code and the field, writing nothing', async () => {
    const short = await call(SIGN_UP, { input: { email: 'short@example.com', password: 'short', displayName: 'x' } });
    expect(short.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.password' });

    const email = await call(SIGN_UP, { input: { email: 'not-an-email', password: 'long enough pw', displayName: 'x' } });
    expect(email.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(email.errors?.[0]?.message).toContain('input.email');

    await call(SIGN_UP, { input: { email: 'dup@example.com', password: 'long enough pw', displayName: 'a' } });
    const dup = await call(SIGN_UP, { input: { email: 'DUP@example.com', password: 'long enough pw', displayName: 'b' } });
    expect(dup.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.email' });

    const rows = await users.sql(`select email from app_user where email in ('short@example.com', 'dup@example.com')`);
    expect(rows).toEqual([{ email: 'dup@example.com' }]);
  });

  it('registers, moves and removes device tokens, and deleting the account drops them', async () => {
    const a = (await call(SIGN_UP, { input: { email: 'a@example.com', password: 'long enough pw', displayName: 'a' } })).data.signUp.user.id;
    const b = (await call(SIGN_UP, { input: { email: 'b@example.com', password: 'long enough pw', displayName: 'b' } })).data.signUp.user.id;
    const register = `mutation ($t: String!) { registerDevice(input: {token: $t, platform: ANDROID}) { token platform } }`;
    expect((await call(register, { t: 'fcm-token-1' }, a)).data.registerDevice).toEqual({ token: 'fcm-token-1', platform: 'ANDROID' });
    await call(register, { t: 'fcm-token-1' }, b);
    const devicesOf = async (id: string) => (await call(`{ me { devices { token } } }`, {}, id)).data.me.devices;
    expect(await devicesOf(a)).toEqual([]);
    expect(await devicesOf(b)).toEqual([{ token: 'fcm-token-1' }]);
    expect((await call(`mutation { removeDevice(token: "fcm-token-1") }`, {}, a)).data.removeDevice).toBe(false);

    expect((await call(`mutation { deleteAccount }`, {}, b)).data.deleteAccount).toBe(true);
    const left = await users.sql(`select count(*)::int as n from device`);
    expect(left).toEqual([{ n: 0 }]);
    expect((await call(`{ me { id } }`, {}, b)).data.me).toBeNull();
  });

  it('resolves many User references in one SQL query', async () => {
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      ids.push((await call(SIGN_UP, { input: { email: `batch${n}@example.com`, password: 'long enough pw', displayName: `b${n}` } })).data.signUp.user.id);
    }
    const queries = await recordQueries(users.service.orm, async () => {
      const res = await call(
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id displayName } } }`,
        { r: ids.map((id) => ({ __typename: 'User', id })) },
      );
      expect(res.data._entities.map((u: any) => u.displayName)).toEqual(['b1', 'b2', 'b3']);
    });
    expect(queries.filter((q) => q.sql.includes('app_user'))).toHaveLength(1);
  });

  it('rejects a request that did not come through the gateway', async () => {
    const { direct, forged } = await callsWithoutGateway(users.url, '{ me { id } }');
    expect(direct).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(forged).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });
});
