import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@petcare/service-kit';
import { startTestSubgraph, TEST_GATEWAY_SECRET, type TestSubgraph } from '@petcare/service-kit/testing';
import { loadConfig as loadUsersConfig } from '@petcare/users/config';
import { buildUsersService, type UsersService } from '@petcare/users/server';
import { loadConfig } from '../src/config.ts';
import { buildGateway, type Gateway } from '../src/server.ts';

// The per-address sign-in limit through the real gateway and users service: the address is the socket's peer unless
// TRUST_PROXY says how many proxies to believe, so a client that writes its own X-Forwarded-For gains nothing.
const accessSecret = 'test-access-token-secret-0123456789abc';
const PER_ADDRESS = 3;
const log = createLogger('trust-proxy', 'silent');
let users: TestSubgraph<UsersService>;
const gateways: Gateway[] = [];
let direct: string;
let behindOneProxy: string;
let unknown = 0;

async function startGateway(env: Record<string, string>): Promise<string> {
  const gateway = await buildGateway(
    loadConfig({ PORT: '0', ACCESS_TOKEN_SECRET: accessSecret, GATEWAY_SIGNING_SECRET: TEST_GATEWAY_SECRET, USERS_URL: users.url, LOG_LEVEL: 'silent', ...env }),
    log,
  );
  gateways.push(gateway);
  return gateway.listen(0);
}

/** A wrong password for a new e-mail each time (so only the per-address limit can refuse it); the error code. */
async function failSignIn(url: string, forwardedFor: string): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({
      query: 'mutation ($input: SignInInput!) { signIn(input: $input) { token } }',
      variables: { input: { email: `nobody${unknown++}@example.com`, password: 'wrong password' } },
    }),
  });
  return ((await res.json()) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code;
}

beforeAll(async () => {
  users = await startTestSubgraph('trust_proxy', (base, l) => buildUsersService(loadUsersConfig(base), l), {
    ACCESS_TOKEN_SECRET: accessSecret,
    SIGN_IN_FAILURES_PER_ACCOUNT: '100',
    SIGN_IN_FAILURES_PER_ADDRESS: String(PER_ADDRESS),
    SIGN_IN_WINDOW_SECONDS: '600',
  });
  direct = await startGateway({});
  behindOneProxy = await startGateway({ TRUST_PROXY: '1' });
}, 60_000);

afterAll(async () => {
  for (const gateway of gateways) await gateway.close();
  await users?.close();
});

describe('the client address of the per-address sign-in limit', () => {
  it('ignores X-Forwarded-For by default: a new forged address per attempt does not escape the limit', async () => {
    for (let i = 0; i < PER_ADDRESS; i++) expect(await failSignIn(direct, `198.51.100.${i}`)).toBe('UNAUTHENTICATED');
    expect(await failSignIn(direct, '198.51.100.200')).toBe('TOO_MANY_REQUESTS');
    expect(await failSignIn(direct, '203.0.113.9, 198.51.100.201')).toBe('TOO_MANY_REQUESTS');
  });

  it('with TRUST_PROXY=1, is the entry the proxy appended: limited per client behind it, not per proxy', async () => {
    // The proxy's own socket address (loopback here) is limited by now; the clients behind it are not.
    for (let i = 0; i < PER_ADDRESS; i++) expect(await failSignIn(behindOneProxy, `${6 + i}.6.6.6, 203.0.113.1`)).toBe('UNAUTHENTICATED');
    expect(await failSignIn(behindOneProxy, '7.7.7.7, 203.0.113.1')).toBe('TOO_MANY_REQUESTS');
    expect(await failSignIn(behindOneProxy, '203.0.113.2')).toBe('UNAUTHENTICATED');
  });
});
