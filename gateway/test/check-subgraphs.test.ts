import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSubgraphs } from '../src/health/check-subgraphs.ts';

/** A loopback server whose `/health` behaves as told: answers with a status, or never answers. */
async function serve(behaviour: number | 'hang'): Promise<{ url: string; server: http.Server }> {
  const server = http.createServer((_req, res) => {
    if (behaviour === 'hang') return;
    res.writeHead(behaviour, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server };
}

const servers: http.Server[] = [];
const urls: Record<string, string> = {};

beforeAll(async () => {
  for (const [name, behaviour] of [['up', 200], ['sick', 503], ['hung', 'hang']] as const) {
    const { url, server } = await serve(behaviour);
    servers.push(server);
    urls[name] = url;
  }
});

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('checkSubgraphs', () => {
  it('is ok only when every subgraph answers its /health', async () => {
    expect(await checkSubgraphs({ up: urls['up']! })).toEqual({ status: 'ok', subgraphs: { up: { status: 'up', latencyMs: expect.any(Number) } } });
  });

  it('reports each failing subgraph down with why, checking them in parallel within the 2 s timeout', async () => {
    const started = Date.now();
    const health = await checkSubgraphs(urls);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(health.status).toBe('degraded');
    expect(health.subgraphs['up']?.status).toBe('up');
    expect(health.subgraphs['sick']).toMatchObject({ status: 'down', error: expect.stringContaining('HTTP 503') });
    expect(health.subgraphs['hung']).toMatchObject({ status: 'down', error: expect.stringContaining('no answer within 2000 ms') });
  });
});
