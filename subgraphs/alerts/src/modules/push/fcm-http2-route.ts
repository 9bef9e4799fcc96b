import http2 from 'node:http2';
import tls from 'node:tls';

/** Where FCM's HTTP/2 connections go instead of `fcm.googleapis.com:443`, and the CA that signs its certificate. */
export interface FcmHttp2Route {
  host: string;
  port: number;
  ca: string;
}

const FCM_ORIGIN = 'https://fcm.googleapis.com';
const routes: FcmHttp2Route[] = [];
let sdkConnect: typeof http2.connect | null = null;

/**
 * Sends the TCP connections of firebase-admin's HTTP/2 transport to `route` (the local FCM of tests and the
 * bench), keeping everything else of the SDK's path: it still calls `http2.connect('https://fcm.googleapis.com')`
 * per `sendEach`, with its own settings, and the TLS handshake still checks a certificate for
 * `fcm.googleapis.com` (against `route.ca` only). The SDK has no option for this (its HTTP/2 path ignores
 * `httpAgent` and hard-codes the host and port 443), so the hook sits on the one call it makes to Node:
 * `http2.connect` of that origin, which gets a `createConnection` it did not ask for (and one header spelled
 * as FCM reads it, see below). Any other origin, or a caller that brings its own `createConnection`, is
 * untouched. Production never calls this.
 *
 * Routes stack (several workers in one test process); the latest one wins. Returns the undo.
 */
export function routeFcmHttp2(route: FcmHttp2Route): () => void {
  routes.push(route);
  if (!sdkConnect) {
    const original = http2.connect;
    sdkConnect = original;
    const secureContexts = new Map<string, tls.SecureContext>();
    http2.connect = ((authority: string | URL, ...rest: unknown[]) => {
      const to = routes.at(-1);
      const options = typeof rest[0] === 'object' && rest[0] !== null ? (rest[0] as http2.SecureClientSessionOptions) : undefined;
      if (!to || originOf(authority) !== FCM_ORIGIN || options?.createConnection) {
        return (original as (...a: unknown[]) => http2.ClientHttp2Session)(authority, ...rest);
      }
      const listener = rest.find((r) => typeof r === 'function') as ((s: http2.ClientHttp2Session) => void) | undefined;
      // One TLS context per CA, instead of a CA store parsed per connection (one connection per sendEach).
      let secureContext = secureContexts.get(to.ca);
      if (!secureContext) secureContexts.set(to.ca, (secureContext = tls.createSecureContext({ ca: to.ca })));
      const createConnection = () =>
        tls.connect({
          host: to.host,
          port: to.port,
          servername: 'fcm.googleapis.com',
          secureContext,
          ALPNProtocols: ['h2'],
        });
      const session = original(authority, { ...options, createConnection }, listener);
      // firebase-admin 14 sends `:scheme: https:` (Node's `url.protocol`, colon included). Google's front end
      // takes it; Node's HTTP/2 server (nghttp2) resets such a stream with PROTOCOL_ERROR, as RFC 9113 allows
      // no colon in a scheme (the same error users meet behind strict proxies: firebase-admin-node #2865,
      // denoland/deno #25065). The local FCM is a Node server, so the scheme is written as FCM reads it; every
      // other header, the body and the stream handling stay the SDK's.
      const request = session.request.bind(session);
      session.request = ((headers?: http2.OutgoingHttpHeaders, opts?: http2.ClientSessionRequestOptions) =>
        request(headers?.[':scheme'] === 'https:' ? { ...headers, ':scheme': 'https' } : headers, opts)) as typeof session.request;
      return session;
    }) as typeof http2.connect;
  }
  return () => {
    const at = routes.lastIndexOf(route);
    if (at >= 0) routes.splice(at, 1);
    if (routes.length === 0 && sdkConnect) {
      http2.connect = sdkConnect;
      sdkConnect = null;
    }
  };
}

/** The origin of what `http2.connect` was given; null for anything that is not a URL (left to Node to judge). */
function originOf(authority: unknown): string | null {
  try {
    return new URL(authority instanceof URL ? authority.href : String(authority)).origin;
  } catch {
    return null;
  }
}
