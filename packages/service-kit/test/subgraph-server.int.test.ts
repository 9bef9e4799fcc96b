import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineEntity, p } from '@mikro-orm/postgresql';
import { Migration } from '@mikro-orm/migrations';
import { createLogger } from '../src/logging/create-logger.ts';
import { buildSubgraphService } from '../src/server/build-subgraph-service.ts';
import type { ServiceHandle } from '../src/server/service-handle.ts';
import { dropTestDatabase, testDatabaseUrl } from '../src/testing/test-database.ts';
import { gatewaySignedRequest } from '../src/testing/gateway-signed-request.ts';
import { CALLER_HEADER, signCallerToken } from '../src/identity/caller-token.ts';
import type { SubgraphContext } from '../src/server/subgraph-context.ts';

// The template end to end on a real database: two modules that both add to Query and Mutation keep all
// their fields, the SDL's scalars validate input, and the typed caller reaches resolvers.
const secret = 'template-test-gateway-signing-secret-01';
const databaseUrl = testDatabaseUrl('template');
const folder = mkdtempSync(join(tmpdir(), 'subgraph-template-'));
const schema = pathToFileURL(join(folder, 'schema.graphql'));
writeFileSync(
  schema,
  `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  scalar DateTime
  type Query { first: String! second: String! now(at: DateTime!): DateTime! }
  type Mutation { whoAmI: String roles: [String!]! }`,
);

const ProbeSchema = defineEntity({ name: 'Probe', tableName: 'probe', properties: { id: p.integer().primary() } });
class Probe extends ProbeSchema.class {}
ProbeSchema.setClass(Probe);
class ProbeMigration extends Migration {
  override name = 'ProbeMigration';
  override up(): void {
    this.addSql('create table probe (id int primary key)');
  }
}
const caller = (ctx: SubgraphContext) => ctx.caller;
let service: ServiceHandle;
let url: string;

beforeAll(async () => {
  service = await buildSubgraphService(
    {
      name: 'template',
      schema,
      database: { entities: [Probe], migrations: [ProbeMigration] },
      resolvers: [
        { Query: { first: () => 'one', now: (_: unknown, args: { at: Date }) => args.at }, Mutation: { whoAmI: (_: unknown, __: unknown, ctx: SubgraphContext) => caller(ctx).userId } },
        { Query: { second: () => 'two' }, Mutation: { roles: (_: unknown, __: unknown, ctx: SubgraphContext) => caller(ctx).roles } },
      ],
      createLoaders: () => ({}),
    },
    { DATABASE_URL: databaseUrl, GATEWAY_SIGNING_SECRET: secret },
    createLogger('template', 'silent'),
    // Background work that reports on itself, as a CDC consumer does.
    () => ({ start: async () => undefined, stop: async () => undefined, health: () => ({ cdc: { state: 'stuck' } }) }),
  );
  url = await service.server.listen(0);
});

afterAll(async () => {
  await service?.close();
  await dropTestDatabase(databaseUrl);
  rmSync(folder, { recursive: true, force: true });
});

describe('a subgraph built from the template', () => {
  it('keeps every module’s Query and Mutation fields', async () => {
    const res = await gatewaySignedRequest<any>(url, secret, '{ first second }');
    expect(res.data).toEqual({ first: 'one', second: 'two' });
    const who = await gatewaySignedRequest<any>(url, secret, 'mutation { whoAmI roles }', {}, '0b3c6b7e-1111-4a4a-8a8a-000000000001', ['OPERATOR']);
    expect(who.data).toEqual({ whoAmI: '0b3c6b7e-1111-4a4a-8a8a-000000000001', roles: ['OPERATOR'] });
  });

  it('hashes no answer for an ETag: the gateway never revalidates one', async () => {
    const headers = { 'content-type': 'application/json', [CALLER_HEADER]: await signCallerToken(secret, { userId: null, roles: [] }) };
    const res = await fetch(url, { method: 'POST', headers, body: '{"query":"{ first }"}' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBeNull();
  });

  it('validates input with the scalars its SDL declares', async () => {
    const ok = await gatewaySignedRequest<any>(url, secret, 'query ($t: DateTime!) { now(at: $t) }', { t: '2026-11-30T10:00:00.000Z' });
    expect(ok.data).toEqual({ now: '2026-11-30T10:00:00.000Z' });
    const bad = await gatewaySignedRequest<any>(url, secret, 'query ($t: DateTime!) { now(at: $t) }', { t: 'yesterday' });
    expect(bad.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });
  it('shows its background work in /health and serves Prometheus metrics on /metrics', async () => {
    expect(await (await fetch(new URL('/health', url))).json()).toMatchObject({ status: 'ok', service: 'template', cdc: { state: 'stuck' } });
    const metrics = await fetch(new URL('/metrics', url));
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(metrics.status).toBe(200);
  });

  it('answers a refused caller, an oversized body and a body that is not JSON with a code and the reason', async () => {
    const signed = { 'content-type': 'application/json', [CALLER_HEADER]: await signCallerToken(secret, { userId: null, roles: [] }) };
    const unsigned = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ first }"}' });
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const forged = await fetch(url, { method: 'POST', headers: { ...signed, [CALLER_HEADER]: await signCallerToken('another-secret-that-is-long-enough-0123', { userId: null, roles: [] }) }, body: '{"query":"{ first }"}' });
    expect(forged.status).toBe(401);

    const huge = await fetch(url, { method: 'POST', headers: signed, body: JSON.stringify({ query: '{ first }', variables: { pad: 'x'.repeat(1_100_000) } }) });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as any).errors[0]).toMatchObject({ message: expect.stringContaining('larger than 1048576 bytes'), extensions: { code: 'BAD_REQUEST' } });

    const broken = await fetch(url, { method: 'POST', headers: signed, body: '{"query": "{ first }"' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as any).errors[0]).toMatchObject({ message: expect.stringMatching(/^request body is not valid JSON: /), extensions: { code: 'BAD_REQUEST' } });

    const after = await fetch(url, { method: 'POST', headers: signed, body: '{"query":"{ first }"}' });
    expect(await after.json()).toEqual({ data: { first: 'one' } });
  });

  it('serves GET queries on /graphql?… and leaves other paths to their routes', async () => {
    const headers = { [CALLER_HEADER]: await signCallerToken(secret, { userId: null, roles: [] }), 'apollo-require-preflight': 'true' };
    const get = await fetch(`${url}?query=${encodeURIComponent('{ second }')}`, { headers });
    expect(await get.json()).toEqual({ data: { second: 'two' } });
    expect((await fetch(new URL('/graphqlx', url), { headers })).status).toBe(404);
  });
});
