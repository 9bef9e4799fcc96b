import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createLogger } from '@petcare/service-kit';
import { readOperationFiles } from '@petcare/schema';
import { loadConfig, type GatewayConfig } from '../src/config.ts';
import { buildGateway, type Gateway } from '../src/server.ts';

// The committed supergraph with every subgraph URL leading nowhere: a limit refuses before any fetch, so what the
// tests see is either a limit's error or the subgraph's absence.
let gateway: Gateway;
let url: string;
let config: GatewayConfig;
let nowhereServer: http.Server;

interface Answer {
  status: number;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function post(query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, ...((await res.json()) as object) };
}

/** `query { ...F<levels> }` where each fragment spreads the one below it twice: 2^levels copies of `me { id }`. */
function nestedFragments(levels: number): string {
  const fragments = [`fragment F0 on Query { me { id } }`];
  for (let i = 1; i <= levels; i++) fragments.push(`fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`);
  return `query Attack { ...F${levels} }\n${fragments.join('\n')}`;
}

const NEAR = 'latitude: 37.5, longitude: 127.0, radiusMeters: 50000';
const aliases = (count: number, field: string) =>
  `query Attack { ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

beforeAll(async () => {
  nowhereServer = http.createServer((_req, res) => res.writeHead(503).end());
  await new Promise<void>((resolve) => nowhereServer.listen(0, '127.0.0.1', resolve));
  const nowhere = `http://127.0.0.1:${(nowhereServer.address() as AddressInfo).port}/graphql`;
  config = loadConfig({
    PORT: '0',
    ACCESS_TOKEN_SECRET: 'test-access-token-secret-0123456789abc',
    GATEWAY_SIGNING_SECRET: 'test-gateway-signing-secret-0123456789',
    USERS_URL: nowhere,
    NEIGHBORHOODS_URL: nowhere,
    HOSPITALS_URL: nowhere,
    ALERTS_URL: nowhere,
    LOG_LEVEL: 'silent',
  });
  gateway = await buildGateway(config, createLogger('gateway', 'silent'));
  url = await gateway.listen(0);
});

afterAll(async () => {
  await gateway?.close();
  await new Promise<void>((resolve) => nowhereServer?.close(() => resolve()));
});

describe('query limits over HTTP', () => {
  it.each(readOperationFiles().filter((f) => !f.source.includes('subscription ')).map((f) => [f.file, f.source] as const))(
    'lets the app\'s %s through every limit',
    async (_file, source) => {
      const answer = await post(source);
      expect(answer.errors?.filter((e) => e.extensions?.['limit'] !== undefined) ?? []).toEqual([]);
    },
  );

  it('refuses fragments spreading fragments 21 levels deep, in milliseconds, naming the cost budget', async () => {
    const started = performance.now();
    const answer = await post(nestedFragments(21));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(answer.status).toBe(400);
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost' });
    expect(answer.errors?.[0]?.message).toMatch(/^the operation costs \d+; the budget is 5000/);
  });

  it('refuses 1,000 aliases of hospitalsNear: the document alone is over the token limit', async () => {
    const answer = await post(aliases(1000, `hospitalsNear(${NEAR}, first: 100) { distanceMeters }`));
    expect(answer.status).toBe(400);
    expect(answer.errors?.map((e) => [e.extensions?.['limit'], e.message])).toEqual([
      ['tokens', `the document has more than ${config.MAX_QUERY_TOKENS} tokens, the limit: send a smaller document`],
    ]);
  });

  it('refuses more aliases than the limit, naming it', async () => {
    const answer = await post(aliases(100, 'me { id }'));
    expect(answer.status).toBe(400);
    expect(answer.errors?.map((e) => [e.extensions?.['limit'], e.message])).toEqual([
      ['aliases', `the operation uses 100 aliases; the limit is ${config.MAX_QUERY_ALIASES}`],
    ]);
  });

  it('prices __typename like any field, so fragments multiplying it are refused too', async () => {
    const fragments = nestedFragments(21).replace('me { id }', '__typename');
    expect((await post(fragments)).errors?.[0]?.extensions?.['limit']).toBe('cost');
  });

  it('counts aliases hidden in fragments, each spread counting again', async () => {
    const answer = await post(`query Q { ...B ...B } fragment B on Query { ...A ...A } fragment A on Query { a: me { id } b: me { id } c: me { id } d: me { id } }`);
    expect(answer.errors?.map((e) => e.message)).toEqual([`the operation uses 16 aliases; the limit is ${config.MAX_QUERY_ALIASES}`]);
  });

  it('prices spatial searches and page sizes: a few aliases of a large hospitalsNear page are over budget', async () => {
    const field = `hospitalsNear(${NEAR}, first: 100) { distanceMeters hospital { id name phone } }`;
    const within = await post(aliases(1, field));
    expect(within.errors?.filter((e) => e.extensions?.['limit'] !== undefined) ?? []).toEqual([]);
    const over = await post(aliases(12, field));
    expect(over.status).toBe(400);
    expect(over.errors?.[0]?.extensions?.['limit']).toBe('cost');
    expect(over.errors?.[0]?.message).toMatch(/^the operation costs 6612; the budget is 5000/);
  });

  it('reads page sizes from variables too, per request: the same document accepted with a small page is refused with a large one', async () => {
    const query = `query Q($n: Int) { ${['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'].map((a) => `${a}: hospitalsNear(${NEAR}, first: $n) { distanceMeters hospital { id name phone } }`).join(' ')} }`;
    expect((await post(query, { n: 5 })).errors?.filter((e) => e.extensions?.['limit'] !== undefined) ?? []).toEqual([]);
    expect((await post(query, { n: 100 })).errors?.[0]?.extensions?.['limit']).toBe('cost');
  });

  it('refuses an over-budget document every time it is sent, not only the first', async () => {
    const over = aliases(12, `hospitalsNear(${NEAR}, first: 100) { distanceMeters hospital { id name phone } }`);
    for (let i = 0; i < 3; i++) expect((await post(over)).errors?.[0]?.extensions?.['limit']).toBe('cost');
  });

  it('refuses too many directives, naming the limit', async () => {
    const answer = await post(`query Q { me { ${Array.from({ length: 21 }, () => 'id @include(if: true)').join(' ')} } }`);
    expect(answer.status).toBe(400);
    expect(answer.errors?.map((e) => [e.extensions?.['limit'], e.message])).toEqual([
      ['directives', `the operation uses 21 directives; the limit is ${config.MAX_QUERY_DIRECTIVES}`],
    ]);
  });

  it('refuses a document of too many tokens before building it', async () => {
    const answer = await post(`query Q { me { ${'id '.repeat(config.MAX_QUERY_TOKENS)} } }`);
    expect(answer.status).toBe(400);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_PARSE_FAILED', limit: 'tokens' });
    expect(answer.errors?.[0]?.message).toContain(`more than ${config.MAX_QUERY_TOKENS} tokens`);
  });
});

describe('query limits over graphql-ws', () => {
  /** The errors a subscription is refused with, before anything is delivered. */
  async function subscribe(query: string): Promise<{ message: string; extensions?: Record<string, unknown> }[]> {
    const client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    try {
      return await new Promise((resolve, reject) => {
        client.subscribe(
          { query },
          { next: () => reject(new Error('delivered')), error: (e) => resolve(e as never), complete: () => reject(new Error('completed')) },
        );
      });
    } finally {
      await client.dispose();
    }
  }

  it('applies the same alias, token and cost limits', async () => {
    const alertAdded = (selection: string) => `subscription S { alertAdded { id ${selection} } }`;
    const sixteenAliases = Array.from({ length: 16 }, (_, i) => `a${i}: id`).join(' ');
    expect((await subscribe(alertAdded(sixteenAliases)))[0]?.extensions?.['limit']).toBe('aliases');
    const pricey = Array.from({ length: 15 }, (_, i) => `n${i}: neighborhood { hospitals(first: 100) { id name phone } }`).join(' ');
    const refused = (await subscribe(alertAdded(pricey)))[0];
    expect(refused?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost' });
    expect((await subscribe(alertAdded('id '.repeat(config.MAX_QUERY_TOKENS))))[0]?.extensions?.['limit']).toBe('tokens');
  });
});
