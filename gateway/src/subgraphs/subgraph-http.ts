import http from 'node:http';
import https from 'node:https';

/** A subgraph's raw HTTP answer; its headers as Node's client read them (lower-case names). */
export interface SubgraphHttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

// Connections to subgraphs are kept open and reused: a new TCP connection per fetch costs a handshake and, under
// load, ephemeral ports. 128 sockets per subgraph is ample for one process at 50 concurrent operations.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 128, scheduling: 'lifo' }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 128, scheduling: 'lifo' }),
};

/** The subgraph closed a kept-alive connection just as this request was sent on it: nothing was answered. */
export class StaleConnectionError extends Error {
  override name = 'StaleConnectionError';
}

/**
 * POSTs a JSON body over a pooled keep-alive connection and reads the answer as text. A reset of a reused connection
 * before any answer (the subgraph's idle timeout closing it as the request went out) rejects with
 * StaleConnectionError, which a caller may retry when the request is safe to send twice. A thin replacement for the
 * make-fetch-happen stack @apollo/gateway uses by default, whose agent layer (agent-base builds an Error stack on
 * every request to tell http from https, minipass streams) took more of the gateway's CPU than its query planner.
 */
export function postSubgraph(url: URL, headers: Record<string, string>, body: string, signal?: AbortSignal): Promise<SubgraphHttpResponse> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      { method: 'POST', agent: agents[url.protocol as keyof typeof agents], headers: { ...headers, 'content-length': Buffer.byteLength(body) }, signal },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      reject(req.reusedSocket && error.code === 'ECONNRESET' ? new StaleConnectionError(error.message, { cause: error }) : error);
    });
    req.end(body);
  });
}
