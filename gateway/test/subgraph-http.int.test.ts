import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharedFetches } from '../src/subgraphs/shared-fetches.ts';
import { postSubgraph, StaleConnectionError } from '../src/subgraphs/subgraph-http.ts';

// A subgraph that answers the first request of each connection and resets the connection on the second: what a
// keep-alive connection closed by the server's idle timeout looks like to the request sent on it.
let server: http.Server;
let url: URL;
let received = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    received++;
    const socket = req.socket as typeof req.socket & { served?: number };
    socket.served = (socket.served ?? 0) + 1;
    if (socket.served > 1) {
      socket.destroy();
      return;
    }
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"ok":true}}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`);
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const query = JSON.stringify({ query: 'query Q__hospitals__0{ok}' });
const mutation = JSON.stringify({ query: 'mutation M__hospitals__0{ok}' });

describe('subgraph connections', () => {
  it('reports a reset of a reused connection as stale, and a shared query is sent again on a fresh one', async () => {
    expect((await postSubgraph(url, {}, query)).status).toBe(200);
    await expect(postSubgraph(url, {}, query)).rejects.toThrow(StaleConnectionError);

    const shared = new SharedFetches(postSubgraph, { callerIndependent: new Set(), ttlMs: 0 });
    expect((await shared.fetch('hospitals', url, {}, query)).status).toBe(200);
    const before = received;
    const answer = await shared.fetch('hospitals', url, {}, query);
    expect(answer.body).toBe('{"data":{"ok":true}}');
    expect(received - before).toBe(2);
  });

  it('never sends a mutation twice', async () => {
    const shared = new SharedFetches(postSubgraph, { callerIndependent: new Set(), ttlMs: 0 });
    // The pool holds the connection the retry above opened, which has served one request: this one is reset.
    const before = received;
    await expect(shared.fetch('hospitals', url, {}, mutation)).rejects.toThrow(StaleConnectionError);
    expect(received - before).toBe(1);
  });
});
