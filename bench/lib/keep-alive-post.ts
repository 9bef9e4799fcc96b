import http from 'node:http';

// One kept-alive connection per target, as a gateway holds to a subgraph: a benchmark's client sends one request at
// a time, so a second socket would only be opened and left idle.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/**
 * POSTs `body` over a kept-alive connection and resolves with the status and the answer's text. The latency
 * benchmarks time a subgraph through this rather than `fetch`: undici's Request, Response, Headers and stream
 * objects are client work and garbage that land in the figure (measured interleaved against the hospitals subgraph:
 * about 0.4 ms more at the median), while a gateway reaches its subgraphs over plain `http` like this.
 */
export function keepAlivePost(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
