import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema, graphql, parse } from 'graphql';
import { composeServices } from '@apollo/composition';
import { CALLER_HEADER, CallerTokenError, createLogger, issueAccessToken, signCallerToken, verifyCallerToken } from '@petcare/service-kit';
import { loadConfig } from '../src/config.ts';
import { buildGateway, type Gateway } from '../src/server.ts';

const signingSecret = 'test-gateway-signing-secret-0123456789';
const accessSecret = 'test-access-token-secret-0123456789abc';

const standInSchema = buildSchema('type Query { whoami: String! chain: Chain } type Chain { next: Chain value: Int }');

/** A stand-in subgraph: answers `whoami` with the user id it verifies from the caller header, or 401 like the kit. */
function startWhoamiSubgraph(): Promise<{ url: string; received: (string | undefined)[]; requestIds: (string | undefined)[]; close(): Promise<void> }> {
  const received: (string | undefined)[] = [];
  const requestIds: (string | undefined)[] = [];
  const server = http.createServer((req, res) => {
    const header = req.headers[CALLER_HEADER] as string | undefined;
    received.push(header);
    requestIds.push(req.headers['x-request-id'] as string | undefined);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => {
      verifyCallerToken(signingSecret, header).then(
        async (caller) => {
          // Executed for real, so the gateway's aliases and fragments come back as it asked for them.
          const { query } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string };
          const answer = await graphql({ schema: standInSchema, source: query, rootValue: { whoami: caller.userId ?? 'anonymous' } });
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify(answer));
        },
        (error: CallerTokenError) => {
          res.writeHead(401, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ errors: [{ message: error.message, extensions: { code: 'UNAUTHENTICATED' } }] }));
        },
      );
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}/graphql`, received, requestIds, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'gateway-test-'));
let subgraph: Awaited<ReturnType<typeof startWhoamiSubgraph>>;
let url: string;
const gateways: Gateway[] = [];

async function startGateway(gatewaySigningSecret: string): Promise<string> {
  const composed = composeServices([
    {
      name: 'users',
      url: 'http://127.0.0.1:1/graphql',
      // `Chain.next` is a cycle, so a query can nest past the gateway's depth limit.
      typeDefs: parse(`
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
        type Query { whoami: String! chain: Chain }
        type Chain { next: Chain value: Int }`),
    },
  ]);
  if (!composed.supergraphSdl) throw new Error(String(composed.errors));
  const path = join(dir, 'supergraph.graphql');
  writeFileSync(path, composed.supergraphSdl);
  const config = loadConfig({
    PORT: '0',
    ACCESS_TOKEN_SECRET: accessSecret,
    GATEWAY_SIGNING_SECRET: gatewaySigningSecret,
    USERS_URL: subgraph.url,
    SUPERGRAPH_PATH: path,
    LOG_LEVEL: 'silent',
  });
  const gateway = await buildGateway(config, createLogger('gateway', 'silent'));
  gateways.push(gateway);
  return gateway.listen(0);
}

async function whoami(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"query":"{ whoami }"}' });
  return { status: res.status, ...((await res.json()) as { data?: { whoami: string } | null; errors?: { message: string; extensions: Record<string, unknown> }[] }) };
}

beforeAll(async () => {
  subgraph = await startWhoamiSubgraph();
  url = await startGateway(signingSecret);
});

afterAll(async () => {
  for (const gateway of gateways) await gateway.close();
  await subgraph?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('gateway over a stand-in subgraph', () => {
  it('signs every subgraph request, anonymous or not, in a way the subgraph can verify', async () => {
    expect((await whoami(url)).data).toEqual({ whoami: 'anonymous' });

    const { token } = await issueAccessToken(accessSecret, 'user-42', 60);
    expect((await whoami(url, { authorization: `Bearer ${token}` })).data).toEqual({ whoami: 'user-42' });

    const last = subgraph.received.at(-1);
    expect(await verifyCallerToken(signingSecret, last)).toEqual({ userId: 'user-42', roles: [], clientAddress: expect.stringContaining('127.0.0.1') });
    expect(subgraph.received.every((h) => typeof h === 'string')).toBe(true);
  });

  it('refuses an operation nested deeper than the limit before asking any subgraph', async () => {
    const before = subgraph.received.length;
    const maxDepth = loadConfig({ ACCESS_TOKEN_SECRET: accessSecret, GATEWAY_SIGNING_SECRET: signingSecret }).MAX_QUERY_DEPTH;
    const deep = `{ chain { ${'next { '.repeat(maxDepth)}value${' }'.repeat(maxDepth)} } }`;
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: deep }) });
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string; limit: string } }[] };
    expect(res.status).toBe(400);
    expect(body.errors[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth' });
    expect(body.errors[0]?.message).toBe(`the operation is nested ${maxDepth + 2} fields deep; the depth limit is ${maxDepth}`);
    expect(subgraph.received.length).toBe(before);
  });

  it('gives each request an id, the client\'s own when usable, sent to the subgraph and echoed back', async () => {
    const ask = (headers: Record<string, string>) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"query":"{ whoami }"}' });
    const mine = await ask({ 'x-request-id': 'app-7f3a.42' });
    expect(mine.headers.get('x-request-id')).toBe('app-7f3a.42');
    expect(subgraph.requestIds.at(-1)).toBe('app-7f3a.42');
    const odd = await ask({ 'x-request-id': 'no spaces or <tags> please' });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(subgraph.requestIds.at(-1)).toBe(odd.headers.get('x-request-id'));
  });

  it('shapes each answer by its own operation, however often each is asked and in whatever order', async () => {
    // The response-shaping Operation is kept per parsed operation (patches/@apollo+gateway+*.patch): answers to
    // operations asked in turn, the same fields under other aliases or through other fragments, must not mix.
    const queries = [
      ['{ first: whoami }', { first: 'anonymous' }],
      ['{ second: whoami }', { second: 'anonymous' }],
      ['query Q { ...Who } fragment Who on Query { third: whoami }', { third: 'anonymous' }],
      ['query Q { ...Who } fragment Who on Query { fourth: whoami }', { fourth: 'anonymous' }],
    ] as const;
    for (let round = 0; round < 3; round++) {
      for (const [query, data] of queries) {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
        expect(await res.json()).toEqual({ data });
      }
    }
  });

  it('exposes Prometheus metrics: requests per operation and their latency', async () => {
    await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"query Who { whoami }"}' });
    const text = await (await fetch(url.replace('/graphql', '/metrics'))).text();
    expect(text).toMatch(/graphql_requests_total\{operation="Who",outcome="ok",service="gateway"\} [1-9]/);
    expect(text).toMatch(/graphql_request_duration_seconds_count\{service="gateway",operation="Who"\} [1-9]/);
    expect(text).toMatch(/gateway_subgraph_request_duration_seconds_count\{service="gateway",subgraph="users"\} [1-9]/);
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('never reports to Apollo: the gateway\'s telemetry export is switched off', () => {
    expect(process.env['APOLLO_TELEMETRY_DISABLED']).toBe('true');
  });

  it('is refused by the subgraph when forged with another secret, which the app sees as an outage, not a sign-out', async () => {
    const forged = await signCallerToken('someone-else-secret-0123456789abcdef', { userId: 'user-42', roles: [] });
    await expect(verifyCallerToken(signingSecret, forged)).rejects.toThrow(CallerTokenError);

    const misconfigured = await startGateway('someone-else-secret-0123456789abcdef');
    const res = await whoami(misconfigured);
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', serviceName: 'users' });
  });
});
