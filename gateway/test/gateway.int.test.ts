import http from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createClient } from 'graphql-ws';
import { CALLER_HEADER, createLogger, issueAccessToken, signCallerToken } from '@petcare/service-kit';
import { dropTestDatabase, testDatabaseUrl } from '@petcare/service-kit/testing';
import { loadConfig as loadUsersConfig } from '@petcare/users/config';
import { buildUsersService, type UsersService } from '@petcare/users/server';
import WebSocket from 'ws';
import { buildTrustedDocuments } from '@petcare/schema';
import { loadConfig } from '../src/config.ts';
import { buildGateway, type Gateway } from '../src/server.ts';

const signingSecret = 'test-gateway-signing-secret-0123456789';
const accessSecret = 'test-access-token-secret-0123456789abc';
const databaseUrl = testDatabaseUrl('gateway');
const logLines: Record<string, unknown>[] = [];
let users: UsersService;
let gateway: Gateway;
let url: string;

interface Answer {
  status: number;
  data?: any;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

async function gql(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, ...((await res.json()) as object) };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A loopback port nobody listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A GET whose body stays as sent: fetch would undo the Content-Encoding under test. */
function rawGet(target: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(target, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

const SIGN_UP = `mutation SignUp($input: SignUpInput!) { signUp(input: $input) { token expiresAt user { id email displayName } } }`;

beforeAll(async () => {
  const usersConfig = loadUsersConfig({
    PORT: '0',
    DATABASE_URL: databaseUrl,
    GATEWAY_SIGNING_SECRET: signingSecret,
    ACCESS_TOKEN_SECRET: accessSecret,
    LOG_LEVEL: 'silent',
  });
  users = await buildUsersService(usersConfig, createLogger('users', 'silent'));
  const usersUrl = await users.server.listen(0);
  const nowhere = `http://127.0.0.1:${await closedPort()}/graphql`;
  // The committed supergraph, with only users running: the other subgraphs' URLs lead nowhere.
  const config = loadConfig({
    PORT: '0',
    ACCESS_TOKEN_SECRET: accessSecret,
    GATEWAY_SIGNING_SECRET: signingSecret,
    USERS_URL: usersUrl,
    NEIGHBORHOODS_URL: nowhere,
    HOSPITALS_URL: nowhere,
    ALERTS_URL: nowhere,
  });
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  gateway = await buildGateway(config, pino({ level: 'info' }, sink));
  url = await gateway.listen(0);
});

afterAll(async () => {
  await gateway?.close();
  await users?.close();
  await dropTestDatabase(databaseUrl);
});

describe('gateway over the real users subgraph', () => {
  it('signs up, signs in, answers me for the bearer and registers a device', async () => {
    const up = await gql(SIGN_UP, { input: { email: 'Mina@Example.com', password: 'correct horse', displayName: '미나' } });
    expect(up.errors).toBeUndefined();
    expect(up.data.signUp.user).toMatchObject({ email: 'mina@example.com', displayName: '미나' });
    const id: string = up.data.signUp.user.id;

    const signIn = await gql(`mutation SignIn { signIn(input: {email: "mina@example.com", password: "correct horse"}) { token user { id } } }`);
    expect(signIn.data.signIn.user.id).toBe(id);
    const token: string = signIn.data.signIn.token;

    const me = await gql(`query Me { me { id email displayName } }`, {}, bearer(token));
    expect(me.data.me).toEqual({ id, email: 'mina@example.com', displayName: '미나' });

    const device = await gql(
      `mutation RegisterDevice($input: RegisterDeviceInput!) { registerDevice(input: $input) { token platform } }`,
      { input: { token: 'fcm-token-gateway', platform: 'IOS' } },
      bearer(token),
    );
    expect(device.data.registerDevice).toEqual({ token: 'fcm-token-gateway', platform: 'IOS' });
    expect((await gql(`{ me { devices { token } } }`, {}, bearer(token))).data.me.devices).toEqual([{ token: 'fcm-token-gateway' }]);

    const logged = logLines.find((line) => line['operationName'] === 'Me');
    expect(logged).toMatchObject({ msg: 'graphql request', callerId: id, errors: 0 });
    expect(typeof logged?.['durationMs']).toBe('number');
    expect(JSON.stringify(logLines)).not.toContain(token);
  });

  it('answers each of many concurrent users with their own me, anonymous callers with none (shared fetches never cross callers)', async () => {
    const people = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const up = await gql(SIGN_UP, { input: { email: `concurrent-${i}@example.com`, password: 'correct horse', displayName: `이웃${i}` } });
        return { id: up.data.signUp.user.id as string, token: up.data.signUp.token as string, email: `concurrent-${i}@example.com` };
      }),
    );
    // The same operation text from everyone at once, 8 times each, interleaved with anonymous requests.
    const asks = people.flatMap((p) => Array.from({ length: 8 }, () => p)).flatMap((p, i) => (i % 4 === 0 ? [p, null] : [p]));
    const answers = await Promise.all(asks.map((p) => gql(`query Me { me { id email } }`, {}, p ? bearer(p.token) : {})));
    answers.forEach((answer, i) => {
      const asker = asks[i];
      expect(answer.errors).toBeUndefined();
      expect(answer.data.me).toEqual(asker ? { id: asker.id, email: asker.email } : null);
    });
  });

  it('treats a request without a bearer as anonymous', async () => {
    const me = await gql(`{ me { id } }`);
    expect(me).toMatchObject({ status: 200, data: { me: null } });
    expect(me.errors).toBeUndefined();
  });

  it('fails the whole request with UNAUTHENTICATED for a forged, expired or malformed bearer', async () => {
    const forged = await issueAccessToken('not-the-users-service-secret-0123456789', 'someone', 3600);
    const expired = await issueAccessToken(accessSecret, 'someone', -60);
    const cases = [
      [bearer(forged.token), /invalid/],
      [bearer(expired.token), /expired/],
      [bearer('not-a-jwt'), /invalid/],
      [{ authorization: 'Basic bWluYTpwdw==' }, /Bearer/],
    ] as const;
    for (const [headers, message] of cases) {
      const res = await gql(`{ me { id } }`, {}, headers);
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(res.data).toBeUndefined();
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(res.errors?.[0]?.message).toMatch(message);
    }
  });

  it('answers malformed and unknown-field queries with GraphQL error codes', async () => {
    const parse = await gql(`{ me { id `);
    expect(parse.status).toBe(400);
    expect(parse.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');

    const unknown = await gql(`{ me { shoeSize } }`);
    expect(unknown.status).toBe(400);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(unknown.errors?.[0]?.message).toContain('shoeSize');
  });

  it('passes the subgraph\'s errors through with their code and field', async () => {
    const invalid = await gql(SIGN_UP, { input: { email: 'not-an-email', password: 'long enough pw', displayName: 'x' } });
    expect(invalid.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(invalid.errors?.[0]?.message).toContain('not-an-email');

    const short = await gql(SIGN_UP, { input: { email: 'short@example.com', password: 'short', displayName: 'x' } });
    expect(short.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.password' });

    await gql(SIGN_UP, { input: { email: 'taken@example.com', password: 'long enough pw', displayName: 'a' } });
    const taken = await gql(SIGN_UP, { input: { email: 'TAKEN@example.com', password: 'long enough pw', displayName: 'b' } });
    expect(taken.errors?.[0]).toMatchObject({ path: ['signUp'], extensions: { code: 'CONFLICT', field: 'input.email' } });
  });

  it('reports a subgraph that is down as SERVICE_UNAVAILABLE without leaking its URL', async () => {
    const res = await gql(`{ hospital(id: "1") { id } }`);
    expect(res.data).toEqual({ hospital: null });
    expect(res.errors?.[0]?.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', serviceName: 'hospitals' });
    expect(JSON.stringify(res)).not.toContain('127.0.0.1');
  });

  it('is the only caller a subgraph accepts: a forged caller signature is refused', async () => {
    const usersUrl = `http://127.0.0.1:${(users.server.httpServer.address() as AddressInfo).port}/graphql`;
    const forged = await signCallerToken('not-the-gateway-secret-0123456789abcdef', { userId: null, roles: [] });
    const res = await fetch(usersUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CALLER_HEADER]: forged },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(res.status).toBe(401);
  });

  it('refuses bodies over 1 MB', async () => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { id } }', variables: { padding: 'x'.repeat(1_100_000) } }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as Answer).errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('reports users up and the three unreachable subgraphs down on /health (503)', async () => {
    const res = await fetch(url.replace('/graphql', '/health'));
    expect(res.status).toBe(503);
    const body = (await res.json()) as any;
    expect(body.status).toBe('degraded');
    expect(body.subgraphs.users).toMatchObject({ status: 'up', latencyMs: expect.any(Number) });
    for (const name of ['neighborhoods', 'hospitals', 'alerts']) {
      expect(body.subgraphs[name]).toMatchObject({ status: 'down', error: expect.stringContaining('ECONNREFUSED') });
    }
  });

  it('serves GraphiQL to a browser, compressed, cacheable and without off-host assets', async () => {
    const page = (headers: Record<string, string>) => rawGet(url, { accept: 'text/html', ...headers });

    const br = await page({ 'accept-encoding': 'br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(br.headers['cache-control']).toBe('public, max-age=3600');
    const etag = br.headers['etag'];
    expect(etag).toBeTruthy();
    const html = brotliDecompressSync(br.body).toString('utf8');

    const gz = await page({ 'accept-encoding': 'gzip, deflate' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString('utf8')).toBe(html);
    expect(gz.body.length).toBeLessThan(html.length / 3);

    expect(html).toContain('<div id="root">');
    expect(html).toContain('query HomeScreen');
    expect(html).toContain('Bearer <token from the SignIn tab>');
    // Nothing the page loads may come from another host: it must work with no internet.
    expect(html).not.toMatch(/(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/unpkg\.com|jsdelivr|cdnjs|fonts\.googleapis|esm\.sh/i);

    expect((await page({ 'accept-encoding': 'br', 'if-none-match': String(etag) })).status).toBe(304);

    // A GET that carries a query, or that does not ask for HTML, is an API call for Apollo, not the page.
    const get = `${url}?query=${encodeURIComponent('{ __typename }')}`;
    const api = await fetch(get, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(await api.json()).toEqual({ data: { __typename: 'Query' } });
    // API answers are never revalidated: no body is hashed for an ETag.
    expect(api.headers.get('etag')).toBeNull();
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' })).headers.get('etag')).toBeNull();
    expect((await rawGet(get, { accept: 'text/html' })).headers['content-type']).toMatch(/^application\/json/);
  });

  it('refuses a subscription over HTTP, saying it is served over WebSocket', async () => {
    const res = await gql(`subscription { alertAdded { id } }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(res.errors?.[0]?.message).toMatch(/served over WebSocket \(graphql-ws/);
  });

  it('without KAFKA_BROKERS says so at start and refuses alertAdded over graphql-ws with SERVICE_UNAVAILABLE', async () => {
    expect(logLines.some((l) => String(l['msg']).startsWith('KAFKA_BROKERS is not set: the gateway serves HTTP, but refuses every alertAdded subscription'))).toBe(true);
    const up = await gql(SIGN_UP, { input: { email: 'live@example.com', password: 'long enough pw', displayName: '라이브' } });
    const client = createClient({ url: url.replace(/^http/, 'ws'), connectionParams: { Authorization: `Bearer ${up.data.signUp.token}` }, retryAttempts: 0 });
    try {
      const refused = await new Promise<unknown>((resolve) => {
        client.subscribe({ query: 'subscription { alertAdded { id } }' }, { next: () => undefined, error: resolve, complete: () => resolve('completed') });
      });
      expect(refused).toEqual([expect.objectContaining({ message: expect.stringContaining('without KAFKA_BROKERS'), extensions: { code: 'SERVICE_UNAVAILABLE' } })]);
    } finally {
      await client.dispose();
    }
  });

  it('in production serves neither GraphiQL nor introspection: they are development features', async () => {
    const production = await buildGateway(
      // Operation text allowed here, to show introspection is off by itself (trusted documents are tested below).
      loadConfig({ PORT: '0', ACCESS_TOKEN_SECRET: accessSecret, GATEWAY_SIGNING_SECRET: signingSecret, NODE_ENV: 'production', TRUSTED_DOCUMENTS: 'accepted' }),
      createLogger('gateway', 'silent'),
    );
    const productionUrl = await production.listen(0);
    try {
      const page = await rawGet(productionUrl, { accept: 'text/html' });
      expect(page.headers['content-type']).not.toMatch(/text\/html/);
      expect(page.body.toString('utf8')).not.toContain('GraphiQL');
      const res = await fetch(productionUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __schema { types { name } } }' }),
      });
      const body = (await res.json()) as Answer;
      expect(body.data ?? null).toBeNull();
      expect(body.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    } finally {
      await production.close();
    }
  });

  it('in production runs only registered operations, by id, over HTTP and graphql-ws', async () => {
    const production = await buildGateway(
      loadConfig({ PORT: '0', ACCESS_TOKEN_SECRET: accessSecret, GATEWAY_SIGNING_SECRET: signingSecret, NODE_ENV: 'production', USERS_URL: `http://127.0.0.1:${(users.server.httpServer.address() as AddressInfo).port}/graphql` }),
      createLogger('gateway', 'silent'),
    );
    const productionUrl = await production.listen(0);
    const me = buildTrustedDocuments().operations.find((o) => o.name === 'Me')!;
    const post = async (body: object) => {
      const res = await fetch(productionUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, ...((await res.json()) as Omit<Answer, 'status'>) };
    };
    const byId = (id: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: id } } });
    try {
      const registered = await post(byId(me.id));
      expect(registered.errors).toBeUndefined();
      expect(registered.data).toEqual({ me: null });

      const asText = await post({ query: me.body });
      expect(asText.status).toBe(400);
      expect(asText.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_REQUIRED');
      const unknown = await post(byId('0'.repeat(64)));
      expect(unknown.status).toBe(400);
      expect(unknown.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_NOT_FOUND');
      // APQ's registration (text and its hash together) is no way in either.
      const text = '{ __typename }';
      const registering = await post({ query: text, ...byId(createHash('sha256').update(text).digest('hex')) });
      expect(registering.status).toBe(400);
      expect((await fetch(`${productionUrl}?query=${encodeURIComponent(text)}`)).status).toBe(400);

      const client = createClient({ url: productionUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
      try {
        const refused = await new Promise<unknown>((resolve) => {
          client.subscribe({ query: 'subscription { alertAdded { id } }' }, { next: () => resolve('delivered'), error: resolve, complete: () => resolve('completed') });
        });
        expect(refused).toEqual([expect.objectContaining({ extensions: { code: 'PERSISTED_QUERY_REQUIRED' } })]);
      } finally {
        await client.dispose();
      }
    } finally {
      await production.close();
    }
  });

  it('in production refuses to start with a placeholder or missing secret, naming it', () => {
    expect(() => loadConfig({ ACCESS_TOKEN_SECRET: 'change-me-at-least-32-characters-long', GATEWAY_SIGNING_SECRET: signingSecret, NODE_ENV: 'production' })).toThrow(
      /ACCESS_TOKEN_SECRET: is the placeholder of \.env\.example/,
    );
    expect(() => loadConfig({ ACCESS_TOKEN_SECRET: accessSecret, NODE_ENV: 'production' })).toThrow(/GATEWAY_SIGNING_SECRET/);
    expect(loadConfig({ ACCESS_TOKEN_SECRET: 'change-me-at-least-32-characters-long', GATEWAY_SIGNING_SECRET: signingSecret }).NODE_ENV).toBe('development');
  });
});
