import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { RequestHandler } from 'express';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { DEMO_ACCOUNT } from '@petcare/service-kit/development';
import { readOperationFiles } from '@petcare/schema';

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);


function demoSignIn(): string {
  return [
    '# Signs the demo account in. Copy `token` into the Headers of the HomeScreen tab:',
    '#   { "Authorization": "Bearer <token>" }',
    'mutation SignIn {',
    `  signIn(input: { email: "${DEMO_ACCOUNT.email}", password: "${DEMO_ACCOUNT.password}" }) {`,
    '    token',
    '    expiresAt',
    '    user { id displayName }',
    '  }',
    '}',
    '',
  ].join('\n');
}

interface Variant {
  body: Buffer;
  etag: string;
  encoding?: 'br' | 'gzip';
}

/**
 * GraphiQL for `GET /graphql` from a browser. The page inlines its whole bundle (~9 MB, no CDN), so it works on a
 * laptop with no internet; it is rendered and compressed once, at start, and served with an ETag so a reload
 * costs a 304. Requests that are not a browser asking for HTML fall through to the GraphQL handler.
 */
export async function graphiqlPage(endpoint: string): Promise<RequestHandler> {
  const homeScreen = readOperationFiles().find((o) => o.file === 'home-screen.graphql')!.source;
  const html = Buffer.from(
    renderGraphiQL({
      title: 'petcare GraphQL',
      endpoint,
      defaultQuery: homeScreen,
      // The first tab signs the demo account in with one click (literals, because this GraphiQL build does not show
      // a tab's default variables); the second is the home screen, with the header its token goes in. The
      // placeholder is not on the first tab: GraphiQL introspects with the active tab's headers.
      defaultTabs: [
        { query: demoSignIn() },
        { query: homeScreen, headers: JSON.stringify({ Authorization: 'Bearer <token from the SignIn tab>' }, null, 2) },
      ],
      defaultEditorToolsVisibility: true,
    }),
  );
  const hash = createHash('sha256').update(html).digest('base64url').slice(0, 27);
  // Brotli quality 5 compresses the bundle smaller than gzip -9 in half the time; 11 would take ~30 s at start.
  const [gzipped, brotlied] = await Promise.all([
    gzip(html, { level: 9 }),
    brotli(html, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: html.length } }),
  ]);
  const variants: Record<'br' | 'gzip' | 'identity', Variant> = {
    br: { body: brotlied, etag: `"${hash}-br"`, encoding: 'br' },
    gzip: { body: gzipped, etag: `"${hash}-gz"`, encoding: 'gzip' },
    identity: { body: html, etag: `"${hash}"` },
  };

  return (req, res, next) => {
    const wantsPage = req.method === 'GET' || req.method === 'HEAD';
    if (!wantsPage || req.query['query'] !== undefined || req.accepts(['application/json', 'text/html']) !== 'text/html') return next();

    const accepted = req.acceptsEncodings('br', 'gzip', 'identity');
    const variant = variants[accepted === 'br' || accepted === 'gzip' ? accepted : 'identity'];
    res.set({
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
      ETag: variant.etag,
      Vary: 'Accept, Accept-Encoding',
    });
    if (variant.encoding) res.set('Content-Encoding', variant.encoding);
    if (req.fresh) return void res.status(304).end();
    res.set('Content-Length', String(variant.body.length));
    if (req.method === 'HEAD') return void res.end();
    res.end(variant.body);
  };
}
