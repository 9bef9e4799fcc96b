import type http from 'node:http';

/**
 * The address of the client a request came from, for per-address limits (sign-in) and the caller's identity.
 *
 * `trustedProxies` is how many reverse proxies stand between the clients and the gateway, each appending the address
 * it received from to X-Forwarded-For. With 0 (the default) the header is ignored and the socket's peer is the
 * client: anyone can write X-Forwarded-For, so honouring it without a proxy would let one client claim a new address
 * per request and escape every per-address limit. With n, the client is the address n hops back from the socket
 * (the last n-1 header entries were written by our own proxies, the n-th by the first of them); when the header
 * holds fewer entries, the furthest one known. Entries before that are the client's own claims and are not read.
 */
export function clientAddress(request: Pick<http.IncomingMessage, 'headers' | 'socket'>, trustedProxies: number): string | undefined {
  const peer = request.socket.remoteAddress;
  if (trustedProxies === 0) return peer;
  const header = request.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  // Nearest first: the socket's peer, then the header from its last entry backwards.
  const hops = [peer, ...forwarded.reverse()];
  return hops[Math.min(trustedProxies, hops.length - 1)];
}
