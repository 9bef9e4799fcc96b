import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';
import { createLogger } from '@petcare/service-kit';
import { loadConfig } from '../src/config.ts';
import { buildGateway, type Gateway } from '../src/server.ts';

// Two stand-in subgraphs: users answers at once, hospitals as slowly as the test says (or not at all).
let hospitalsDelayMs = 0;
let hospitalsDown = false;

function standIn(answer: () => Promise<object | null>): Promise<{ url: string; server: http.Server }> {
  const server = http.createServer((req, res) => {
    req.resume().on('end', async () => {
      const body = await answer();
      if (!body) return res.destroy();
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server })),
  );
}

const dir = mkdtempSync(join(tmpdir(), 'gateway-timeout-'));
const servers: http.Server[] = [];
let gateway: Gateway;
let url: string;

beforeAll(async () => {
  const users = await standIn(async () => ({ data: { whoami: 'anonymous' } }));
  const hospitals = await standIn(async () => {
    if (hospitalsDown) return null;
    await new Promise((r) => setTimeout(r, hospitalsDelayMs));
    return { data: { nearest: 'a hospital' } };
  });
  servers.push(users.server, hospitals.server);
  const federation = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
  const composed = composeServices([
    { name: 'users', url: users.url, typeDefs: parse(`${federation} type Query { whoami: String! }`) },
    { name: 'hospitals', url: hospitals.url, typeDefs: parse(`${federation} type Query { nearest: String }`) },
  ]);
  if (!composed.supergraphSdl) throw new Error(String(composed.errors));
  writeFileSync(join(dir, 'supergraph.graphql'), composed.supergraphSdl);
  const config = loadConfig({
    PORT: '0',
    ACCESS_TOKEN_SECRET: 'test-access-token-secret-0123456789abc',
    GATEWAY_SIGNING_SECRET: 'test-gateway-signing-secret-0123456789',
    USERS_URL: users.url,
    HOSPITALS_URL: hospitals.url,
    SUPERGRAPH_PATH: join(dir, 'supergraph.graphql'),
    SUBGRAPH_TIMEOUT_MS: '5000',
    HOSPITALS_TIMEOUT_MS: '300',
    LOG_LEVEL: 'silent',
  });
  gateway = await buildGateway(config, createLogger('gateway', 'silent'));
  url = await gateway.listen(0);
});

afterAll(async () => {
  await gateway?.close();
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
  rmSync(dir, { recursive: true, force: true });
});

async function ask() {
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ whoami nearest }"}' });
  return { ms: performance.now() - started, status: res.status, ...((await res.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] }) };
}

describe('a slow or down subgraph', () => {
  it('is given up after its own timeout: its fields null with an error naming it, the rest served', async () => {
    hospitalsDelayMs = 3000;
    const answer = await ask();
    expect(answer.ms).toBeLessThan(2000);
    expect(answer.status).toBe(200);
    expect(answer.data).toEqual({ whoami: 'anonymous', nearest: null });
    expect(answer.errors).toEqual([
      expect.objectContaining({ message: 'the hospitals service did not answer within 300 ms; try again shortly', extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'hospitals' } }),
    ]);
  });

  it('when down is named the same way, and is used again as soon as it answers, without a restart', async () => {
    hospitalsDown = true;
    const down = await ask();
    expect(down.data).toEqual({ whoami: 'anonymous', nearest: null });
    expect(down.errors?.[0]?.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', serviceName: 'hospitals' });

    const metrics = await (await fetch(url.replace('/graphql', '/metrics'))).text();
    expect(metrics).toMatch(/gateway_subgraph_errors_total\{subgraph="hospitals",reason="timeout",service="gateway"\} 1/);
    expect(metrics).toMatch(/gateway_subgraph_errors_total\{subgraph="hospitals",reason="unavailable",service="gateway"\} 1/);

    hospitalsDown = false;
    hospitalsDelayMs = 0;
    const back = await ask();
    expect(back.errors).toBeUndefined();
    expect(back.data).toEqual({ whoami: 'anonymous', nearest: 'a hospital' });
  });
});
