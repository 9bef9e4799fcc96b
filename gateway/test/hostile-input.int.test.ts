import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createLogger } from '@petcare/service-kit';
import { dropTestDatabase, testDatabaseUrl } from '@petcare/service-kit/testing';
import { loadConfig as loadUsersConfig } from '@petcare/users/config';
import { buildUsersService } from '@petcare/users/server';
import { loadConfig as loadNeighborhoodsConfig } from '@petcare/neighborhoods/config';
import { buildNeighborhoodsService } from '@petcare/neighborhoods/server';
import { loadConfig as loadHospitalsConfig } from '@petcare/hospitals/config';
import { buildHospitalsService } from '@petcare/hospitals/server';
import { loadConfig as loadAlertsConfig } from '@petcare/alerts/config';
import { buildAlertsService } from '@petcare/alerts/server';
import { loadConfig } from '../src/config.ts';
import { buildGateway, type Gateway } from '../src/server.ts';

// What a careless or hostile client can send, against the gateway over the four real subgraphs (no Kafka: nothing
// here needs a copy). Every answer must be a 4xx or a typed error, never a 5xx or INTERNAL_SERVER_ERROR; the
// processes must keep answering; and no refused request may change a row in any database.
const signingSecret = 'test-gateway-signing-secret-0123456789';
const accessSecret = 'test-access-token-secret-0123456789abc';
const log = createLogger('hostile', 'silent');
const databases = { users: testDatabaseUrl('hostileusers'), neighborhoods: testDatabaseUrl('hostilenbh'), hospitals: testDatabaseUrl('hostilehosp'), alerts: testDatabaseUrl('hostilealerts') };
const services: { close(): Promise<void> }[] = [];
let gateway: Gateway;
let url: string;
let token: string;

interface Answer {
  status: number;
  data?: any;
  errors?: { message: string; extensions?: Record<string, any> }[];
}

async function send(body: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await res.text();
  let parsed: object = {};
  try {
    parsed = JSON.parse(text) as object;
  } catch {
    // a non-JSON answer is judged by its status alone
  }
  return { status: res.status, ...parsed };
}

const gql = (query: string, variables: Record<string, unknown> = {}, operationName?: string, signedIn = true) =>
  send(JSON.stringify({ query, variables, operationName }), signedIn ? { authorization: `Bearer ${token}` } : {});

/** Every row of every table of every service, so a test can say that nothing changed. */
async function snapshot(): Promise<string> {
  const parts: string[] = [];
  for (const [service, connectionString] of Object.entries(databases)) {
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      const tables = await client.query<{ name: string }>(
        `select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'mikro_orm%' order by 1`,
      );
      for (const { name } of tables.rows) {
        const rows = await client.query<{ digest: string }>(`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from "${name}" t`);
        parts.push(`${service}.${name}:${rows.rows[0]!.digest}`);
      }
    } finally {
      await client.end();
    }
  }
  return parts.join('\n');
}

/** A client's mistake: answered below 500 and without INTERNAL_SERVER_ERROR. */
function expectClientError(answer: Answer) {
  expect(answer.status, JSON.stringify(answer)).toBeLessThan(500);
  expect(answer.errors?.map((e) => e.extensions?.['code']) ?? [], JSON.stringify(answer)).not.toContain('INTERNAL_SERVER_ERROR');
}

/** BAD_USER_INPUT naming `field`. */
function expectBadInput(answer: Answer, field: string) {
  expectClientError(answer);
  expect(answer.errors?.[0]?.extensions, JSON.stringify(answer)).toMatchObject({ code: 'BAD_USER_INPUT', field });
}

const SIGN_UP = `mutation SignUp($input: SignUpInput!) { signUp(input: $input) { token user { id displayName } } }`;
const UPDATE_PROFILE = `mutation UpdateProfile($input: UpdateProfileInput!) { updateProfile(input: $input) { id displayName } }`;
const REGISTER_DEVICE = `mutation RegisterDevice($input: RegisterDeviceInput!) { registerDevice(input: $input) { id token } }`;
const signUp = (email: string, displayName = '미나', password = 'correct horse') => gql(SIGN_UP, { input: { email, password, displayName } }, undefined, false);

beforeAll(async () => {
  const common = { PORT: '0', GATEWAY_SIGNING_SECRET: signingSecret, LOG_LEVEL: 'silent' };
  const users = await buildUsersService(loadUsersConfig({ ...common, DATABASE_URL: databases.users, ACCESS_TOKEN_SECRET: accessSecret }), log);
  const neighborhoods = await buildNeighborhoodsService(loadNeighborhoodsConfig({ ...common, DATABASE_URL: databases.neighborhoods }), log);
  const hospitals = await buildHospitalsService(loadHospitalsConfig({ ...common, DATABASE_URL: databases.hospitals }), log);
  const alerts = await buildAlertsService(loadAlertsConfig({ ...common, DATABASE_URL: databases.alerts }), log);
  services.push(users, neighborhoods, hospitals, alerts);
  const config = loadConfig({
    PORT: '0',
    ACCESS_TOKEN_SECRET: accessSecret,
    GATEWAY_SIGNING_SECRET: signingSecret,
    USERS_URL: await users.server.listen(0),
    NEIGHBORHOODS_URL: await neighborhoods.server.listen(0),
    HOSPITALS_URL: await hospitals.server.listen(0),
    ALERTS_URL: await alerts.server.listen(0),
    LOG_LEVEL: 'silent',
  });
  gateway = await buildGateway(config, log);
  url = await gateway.listen(0);
  const up = await signUp('hostile@example.com');
  expect(up.errors).toBeUndefined();
  token = up.data.signUp.token;
});

afterAll(async () => {
  await gateway?.close();
  for (const service of services) await service.close();
  for (const database of Object.values(databases)) await dropTestDatabase(database);
});

describe('hostile input: nothing a client sends is a server error, and nothing refused is written', () => {
  let before: string;
  beforeAll(async () => {
    before = await snapshot();
  });

  it('refuses NUL characters in any string argument, naming the field', async () => {
    expectBadInput(await signUp('nul@example.com', 'mi\u0000na'), 'input.displayName');
    expectBadInput(await gql(UPDATE_PROFILE, { input: { displayName: 'a\u0000b' } }), 'input.displayName');
    expectBadInput(await gql(REGISTER_DEVICE, { input: { token: 'tok\u0000en', platform: 'IOS' } }), 'input.token');
    expectBadInput(await gql(`mutation RemoveDevice($token: String!) { removeDevice(token: $token) }`, { token: 'x\u0000' }), 'token');
    expectBadInput(await gql(`query Q($id: ID!) { hospital(id: $id) { id } }`, { id: '1\u0000' }), 'id');
    expectBadInput(await gql(`query Q { neighborhoods(district: "강남\\u0000구") { totalCount } }`), 'district');
  });

  it('refuses an e-mail too long for any mailbox before hashing its password', async () => {
    const started = performance.now();
    expectBadInput(await signUp(`${'a'.repeat(250)}@example.com`), 'input.email');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses e-mails without a dot in the domain, and says which field any scalar refused', async () => {
    expectBadInput(await signUp('a@b'), 'input.email');
    expectBadInput(await signUp('not an e-mail'), 'input.email');
    const asLiteral = await gql(`mutation SignUp { signUp(input: { email: "nope", password: "correct horse", displayName: "x" }) { token } }`, {}, undefined, false);
    expectBadInput(asLiteral, 'input.email');
    expectBadInput(await gql(`query Q($lat: Latitude!) { neighborhoodAt(latitude: $lat, longitude: 127) { code } }`, { lat: 95 }), 'latitude');
  });

  it('refuses display names no person would write', async () => {
    for (const displayName of ['\u200B\u200C\u200D', 'evil\u202Egnp.exe', 'ring\u0007bell', 'half \uD800 pair', '\uFEFF\u2060']) {
      expectBadInput(await signUp(`name${displayName.length}@example.com`, displayName), 'input.displayName');
    }
  });

  it('refuses cursors that decode to impossible positions', async () => {
    const forged = (list: string, position: unknown) => Buffer.from(JSON.stringify([list, position])).toString('base64url');
    const cursor = forged('alerts', { createdAt: '+275760-09-13T00:00:00.000Z', id: '00000000-0000-4000-8000-000000000000' });
    expectBadInput(await gql(`query Q($after: String) { alerts(after: $after) { nodes { id } } }`, { after: cursor }), 'after');
    expectBadInput(await gql(`query Q($after: String) { alerts(after: $after) { nodes { id } } }`, { after: '!!!' }), 'after');
  });

  it('refuses negative, zero and huge page sizes naming `first`', async () => {
    for (const first of [-1, 0, 101, 2 ** 31 - 1]) {
      expectBadInput(await gql(`query Q($first: Int) { alerts(first: $first) { nodes { id } } }`, { first }), 'first');
    }
  });

  it('accepts whole-number coordinates written in the query text, and refuses 1e400 naming the field', async () => {
    for (const literal of ['127', '127.0']) {
      const answer = await gql(`query Q { neighborhoodAt(latitude: 37, longitude: ${literal}) { code } }`);
      expect(answer.errors, JSON.stringify(answer)).toBeUndefined();
    }
    expectBadInput(await gql(`query Q { neighborhoodAt(latitude: 1e400, longitude: 127.0) { code } }`), 'latitude');
  });

  it('answers several operations without operationName, or an unknown one, with 400', async () => {
    const two = `query A { __typename } query B { __typename }`;
    for (const operationName of [undefined, 'C']) {
      const answer = await gql(two, {}, operationName);
      expect(answer.status, JSON.stringify(answer)).toBe(400);
      expect(answer.errors?.[0]?.extensions?.['code']).toBe('BAD_REQUEST');
    }
  });

  it('answers broken, oversized and deeply nested bodies with 4xx', async () => {
    expectClientError(await send('{"query": "{ __typename }"'));
    expectClientError(await send('[]'));
    expectClientError(await send('{"query": 42}'));
    expectClientError(await send(JSON.stringify({ query: `query Q($s: String!) { searchHospitals(query: $s) { nodes { id } } }`, variables: { s: 'x'.repeat(900_000) } })));
    expectClientError(await send(`{"query": "{ __typename }", "variables": ${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`));
    expectClientError(await gql(SIGN_UP, { input: { email: 'huge@example.com', password: 'p'.repeat(500_000), displayName: 'x' } }, undefined, false));
  });

  it('treats injection strings as plain text in every string argument', async () => {
    const injections = [`' OR '1'='1`, `'; DROP TABLE app_user; --`, `\\'; select pg_sleep(5); --`, '%_%', '$1', '{"$ne": null}', '<script>alert(1)</script>'];
    for (const text of injections) {
      expectClientError(await gql(`query Q($s: String!) { searchHospitals(query: $s) { nodes { id } } }`, { s: text }));
      expectClientError(await gql(`query Q($d: String) { neighborhoods(district: $d) { totalCount } }`, { d: text }));
      expectClientError(await gql(`query Q($id: ID!) { hospital(id: $id) { id } }`, { id: text }));
      expectClientError(await gql(`query Q($id: ID!) { alert(id: $id) { id } }`, { id: text }));
      expectClientError(await gql(`mutation M($e: EmailAddress!) { signIn(input: { email: $e, password: "whatever1" }) { token } }`, { e: text }, undefined, false));
    }
  });

  it('changed no row of any database', async () => {
    expect(await snapshot()).toBe(before);
  });
});

describe('hostile input that may write, once', () => {
  it('registers the same device token ten times at once as one device, every call answered', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, () => gql(REGISTER_DEVICE, { input: { token: 'same-fcm-token', platform: 'ANDROID' } })));
    for (const answer of answers) expect(answer.errors, JSON.stringify(answer)).toBeUndefined();
    expect(new Set(answers.map((a) => a.data.registerDevice.id)).size).toBe(1);
  });

  it('answers a 600 kB Authorization header with 431, and keeps answering', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(url, { method: 'POST', headers: { authorization: `Bearer ${'x'.repeat(600_000)}`, 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      request.on('error', reject);
      request.end('{"query":"{ __typename }"}');
    });
    expect(status).toBe(431);
    expect((await gql(`{ __typename }`)).data).toEqual({ __typename: 'Query' });
  });
});
