import https from 'node:https';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import type { TcpNetConnectOpts } from 'node:net';

/** How firebase-admin's HTTP/1.1 connections to Google are pooled. */
export interface FcmAgentOptions {
  /** Parallel requests (= open keep-alive connections) to FCM. */
  maxSockets: number;
  /**
   * Sends every connection to this address instead of the host's DNS answer, keeping the TLS server name
   * (and so certificate checks and session reuse per host). Tests and the bench point it at the local FCM.
   */
  connectTo?: { host: string; port: number };
  /** Extra CA to trust (the local FCM's self-signed certificate); production uses the system's CAs. */
  ca?: string;
}

/**
 * The one agent firebase-admin uses for both the OAuth token and `messages:send`. A bounded, keep-alive,
 * LIFO pool: connections are opened once and reused (no TLS handshake per batch), the free pool is as large
 * as the busy one (Node's default keeps 256 and closes the rest after every burst), and LIFO lets idle
 * connections beyond the working set time out.
 */
export function createFcmAgent(options: FcmAgentOptions): https.Agent {
  const agent = new https.Agent({
    keepAlive: true,
    keepAliveMsecs: 30_000,
    maxSockets: options.maxSockets,
    maxFreeSockets: options.maxSockets,
    scheduling: 'lifo',
    // One TLS context for every connection, instead of one built (CA store parsed) per connection.
    secureContext: tls.createSecureContext(options.ca ? { ca: options.ca } : {}),
  });
  const to = options.connectTo;
  if (to) {
    const connect = agent.createConnection.bind(agent) as (o: TcpNetConnectOpts, cb?: (err: Error | null, s: Duplex) => void) => Duplex;
    agent.createConnection = ((o: TcpNetConnectOpts, cb?: (err: Error | null, s: Duplex) => void) =>
      connect({ ...o, host: to.host, port: to.port }, cb)) as typeof agent.createConnection;
  }
  return agent;
}
