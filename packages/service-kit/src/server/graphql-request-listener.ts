import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { Logger } from 'pino';
import { ErrorCode } from '../errors/error-codes.ts';
import type { Caller } from '../identity/caller.ts';

/** How a GraphQL request is admitted and given its context; see graphqlRequestListener. */
export interface GraphqlRequestOptions<Context> {
  /** Returns the caller, or throws a `Refusal` (answered 401 UNAUTHENTICATED with its message, logged with `why`). */
  identify: (header: (name: string) => string | undefined) => Promise<Caller>;
  Refusal: abstract new (...args: never[]) => Error;
  why: string;
  /** The per-request context, built once the caller is known. */
  context: (req: IncomingMessage, caller: Caller) => Promise<Context>;
  /** A body longer than this is answered 413 without being parsed. */
  maxBodyBytes: number;
  log: Logger;
}

/** The one path GraphQL is served at; Express mounted it the same way, so `/graphql/…` and `/graphql?…` match too. */
export function isGraphqlPath(url: string | undefined): boolean {
  return url !== undefined && url.startsWith('/graphql') && (url.length === 8 || url[8] === '?' || url[8] === '/');
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return Promise.reject(new BodyTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    req.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, length).toString('utf8')));
    req.once('error', reject);
  });
}

function sendError(res: ServerResponse, status: number, message: string, code: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/**
 * Serves a subgraph's `/graphql` from node:http straight into Apollo Server's `executeHTTPGraphQLRequest`, the
 * entry point Apollo documents for integrations. It replaces Express, `express.json` and the Express integration on
 * the one path the gateway calls on every fetch: in the home screen's profile Express was ~11% of each subgraph's
 * busy CPU (router, request/response decoration, body-parser) for a route that needs none of it. Answers as those did:
 * 413 over the body limit, 400 naming a body that is not JSON, 401 for a caller the gateway did not sign.
 */
export function graphqlRequestListener<Context extends BaseContext>(
  apollo: ApolloServer<Context>,
  options: GraphqlRequestOptions<Context>,
): (req: IncomingMessage, res: ServerResponse) => void {
  const { log } = options;
  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    let text: string;
    try {
      text = await readBody(req, options.maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error;
      return sendError(res, 413, `request body is larger than ${options.maxBodyBytes} bytes`, 'BAD_REQUEST');
    }
    const contentType = req.headers['content-type'] ?? '';
    let body: unknown = text;
    if (/^application\/(.+\+)?json\b/i.test(contentType) && text.length > 0) {
      try {
        body = JSON.parse(text);
      } catch (error) {
        return sendError(res, 400, `request body is not valid JSON: ${(error as Error).message}`, 'BAD_REQUEST');
      }
    }
    let caller: Caller;
    try {
      caller = await options.identify((name) => {
        const value = req.headers[name.toLowerCase()];
        return Array.isArray(value) ? value.join(', ') : value;
      });
    } catch (error) {
      if (!(error instanceof options.Refusal)) throw error;
      log.warn({ reason: error.message, ip: req.socket.remoteAddress }, options.why);
      return sendError(res, 401, error.message, ErrorCode.Unauthenticated);
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const query = req.url!.indexOf('?');
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method!.toUpperCase(), headers, search: query === -1 ? '' : req.url!.slice(query), body },
      context: () => options.context(req, caller),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
  return (req, res) => {
    serve(req, res).catch((error: unknown) => {
      log.error({ err: error, url: req.url }, 'GraphQL request failed outside GraphQL');
      if (!res.headersSent) sendError(res, 500, 'Internal server error', 'INTERNAL_SERVER_ERROR');
      else res.destroy();
    });
  };
}
