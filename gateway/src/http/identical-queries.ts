import type { Request, RequestHandler, Response } from 'express';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { getOperationAST, parse } from 'graphql';
import type { GatewayContext } from '../context.ts';

interface Answer {
  status: number;
  headers: [string, string][];
  body: string;
}

const MAX_KINDS = 1_000;

/**
 * Answers identical query operations of the same caller that arrive while one is executing with that one's answer:
 * the same caller (user id and roles), operation text, variables, operation name, extensions and Accept header.
 * An answer is only ever shared with the caller it was computed for, so a user never receives another's data;
 * mutations, and anything that is not a plain query, go on to Apollo as usual. Under load from many clients of one
 * caller (anonymous visitors, or the public benchmark's 50 connections) most operations wait instead of executing.
 * Each shared answer is logged like an executed one, marked `shared`.
 */
export function identicalQueries(apollo: ApolloServer<GatewayContext>, contextOf: (req: Request, res: Response) => GatewayContext): RequestHandler {
  const inFlight = new Map<string, Promise<Answer>>();
  // Whether an operation text (with its operation name) is a query, so each text is parsed here only once.
  const isQuery = new Map<string, boolean>();
  const queryOperation = (query: string, operationName: unknown): boolean => {
    const key = `${String(operationName ?? '')}\n${query}`;
    let known = isQuery.get(key);
    if (known === undefined) {
      try {
        known = getOperationAST(parse(query), typeof operationName === 'string' ? operationName : undefined)?.operation === 'query';
      } catch {
        known = false;
      }
      if (isQuery.size >= MAX_KINDS) isQuery.clear();
      isQuery.set(key, known);
    }
    return known;
  };

  return async (req, res, next) => {
    const body = req.body as { query?: unknown; operationName?: unknown } | undefined;
    if (req.method !== 'POST' || typeof body?.query !== 'string' || !queryOperation(body.query, body.operationName)) return next();
    const context = contextOf(req, res);
    let bodyText: string;
    try {
      bodyText = JSON.stringify(body);
    } catch {
      // Too deeply nested to serialise (JSON.stringify recurses): not worth sharing; Apollo answers it as a client error.
      return next();
    }
    const key = `${context.caller.userId ?? ''}|${context.caller.roles.join(',')}|${req.headers.accept ?? ''}\n${bodyText}`;
    let answer = inFlight.get(key);
    const shared = answer !== undefined;
    const started = performance.now();
    if (!answer) {
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      answer = apollo
        .executeHTTPGraphQLRequest({ httpGraphQLRequest: { method: 'POST', headers, search: '', body }, context: async () => context })
        .then((response) => {
          if (response.body.kind !== 'complete') throw new Error('the gateway answered a query incrementally; it never defers');
          return { status: response.status ?? 200, headers: [...response.headers], body: response.body.string };
        })
        .finally(() => inFlight.delete(key));
      inFlight.set(key, answer);
    }
    try {
      const { status, headers, body: text } = await answer;
      for (const [name, value] of headers) res.setHeader(name, value);
      res.status(status).send(text);
      if (shared) {
        const operationName = typeof body.operationName === 'string' ? body.operationName : null;
        context.log.info({ operationName, durationMs: Math.round((performance.now() - started) * 10) / 10, callerId: context.caller.userId, status, shared: true }, 'graphql request');
      }
    } catch (error) {
      next(error);
    }
  };
}
