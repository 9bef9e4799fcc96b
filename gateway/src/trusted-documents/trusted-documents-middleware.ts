import type express from 'express';
import type { TrustedDocuments } from './trusted-documents.ts';

const refuse = (res: express.Response, code: string, message: string) => res.status(400).json({ errors: [{ message, extensions: { code } }] });

/**
 * Puts the registered text of `extensions.persistedQuery.sha256Hash` into a POSTed request before Apollo reads it,
 * and, when trusted documents are required, answers 400 to anything else: operation text, an unknown id, a GET
 * (whose query string could carry text). The id is consumed here, so Apollo's own APQ cache is never involved.
 */
export function trustedDocumentsMiddleware(trusted: TrustedDocuments): express.RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST') {
      if (trusted.required) return refuse(res, 'PERSISTED_QUERY_REQUIRED', 'this gateway runs only registered operations, sent by id in a POST');
      return next();
    }
    const body: unknown = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return next();
    const request = body as { query?: unknown; extensions?: Record<string, unknown> };
    const resolved = trusted.resolve(request);
    if ('refused' in resolved) return refuse(res, resolved.refused.code, resolved.refused.message);
    if ('query' in resolved) {
      request.query = resolved.query;
      const { persistedQuery: _consumed, ...extensions } = request.extensions ?? {};
      request.extensions = extensions;
    }
    next();
  };
}
