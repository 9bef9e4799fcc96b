import https from 'node:https';
import http2 from 'node:http2';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { behaviourOf, fcmError, QuotaWindow, validateSendBody, type ContractAnswer } from './fcm-contract.ts';
import { localGoogleCertificate } from './local-google-certificate.ts';

/** How the local FCM behaves. */
export interface FcmContractServerOptions {
  /** Delay before each `messages:send` answer, like FCM's round trip. Default 0. */
  latencyMs?: number;
  /** Messages accepted per sliding minute before answering 429 QUOTA_EXCEEDED. Default unlimited. */
  quotaPerMinute?: number;
  /** Retry-After (seconds) on scripted 503 and 429 answers. Default 1. */
  retryAfterSeconds?: number;
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /**
   * Keep only the counts (summary, duplicates): no message bodies, no per-token attempts. For a process that
   * takes 100,000 messages and only reports counts (the bench), so its heap and GC stay small. Default false.
   */
  countsOnly?: boolean;
}

/** One message FCM accepted: what the tests and the bench count duplicates and losses with. */
export interface ReceivedMessage {
  token: string;
  /** `data.alertId` of the message, the alert it is about. */
  alertId: string | undefined;
  data: Record<string, string>;
  /** The whole `message` object as it arrived, to check what renders on the phone. */
  message: Record<string, unknown>;
  payloadBytes: number;
  at: number;
  /** `2.0` or `1.1`: which of firebase-admin's transports carried it. */
  httpVersion: string;
}

/** Counts since start (or the last reset). */
export interface ContractSummary {
  requests: number;
  accepted: number;
  /** `messages:send` answers by HTTP status, e.g. `{ "200": 99000, "404": 1000 }`. */
  byStatus: Record<string, number>;
  /** Accepted messages whose (token, alertId) had been accepted before. */
  duplicates: number;
  /** Distinct (token, alertId) accepted. */
  distinct: number;
  tokenRequests: number;
}

/** A running local FCM: where it listens, the CA to trust, and what it has received. */
export interface FcmContractServer {
  /** HTTP/1.1 (what firebase-admin's legacy transport speaks). */
  port: number;
  /** The same contract over HTTP/2 only (firebase-admin's default transport), on its own port. */
  http2Port: number;
  /** PEM of the self-signed certificate for fcm.googleapis.com and oauth2.googleapis.com; the CA a client trusts. */
  ca: string;
  received(): ReceivedMessage[];
  summary(): ContractSummary;
  /** Every request for one token, accepted or not, in order, with the status answered. */
  attemptsFor(token: string): { status: number; at: number }[];
  reset(): void;
  close(): Promise<void>;
}

/**
 * Starts an HTTPS server that answers like `fcm.googleapis.com` (`POST /v1/projects/{p}/messages:send`)
 * and `oauth2.googleapis.com` (`POST /token`), with a certificate for both names, so the real firebase-admin
 * SDK talks to it through an agent that routes those hosts here and trusts {@link FcmContractServer.ca}.
 */
export async function startFcmContractServer(options: FcmContractServerOptions = {}): Promise<FcmContractServer> {
  const { cert, key } = await localGoogleCertificate();
  const latencyMs = options.latencyMs ?? 0;
  const retryAfterSeconds = options.retryAfterSeconds ?? 1;
  const issuedTokens = new Set<string>();
  let quota = new QuotaWindow(options.quotaPerMinute ?? Number.POSITIVE_INFINITY);
  let received: ReceivedMessage[] = [];
  let seen = new Set<string>();
  let attempts = new Map<string, { status: number; at: number }[]>();
  let summary: ContractSummary = emptySummary();
  // Message ids unique per server: a random prefix and a counter (no random bytes per message).
  const messageIdPrefix = randomBytes(4).toString('hex');
  let messageCount = 0;

  function answer(res: ServerResponse, a: ContractAnswer, counted = false): void {
    if (counted) summary.byStatus[a.status] = (summary.byStatus[a.status] ?? 0) + 1;
    const body = JSON.stringify(a.body);
    res.writeHead(a.status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(body), ...a.headers });
    res.end(body);
  }

  function send(req: IncomingMessage, raw: string): ContractAnswer {
    const auth = req.headers.authorization;
    if (!auth?.startsWith('Bearer ') || !issuedTokens.has(auth.slice(7))) {
      return {
        status: 401,
        body: { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } },
      };
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return fcmError('INVALID_ARGUMENT', 'Invalid JSON payload received.', { field: 'body' });
    }
    const valid = validateSendBody(body);
    const token = valid.ok ? valid.send.token : undefined;
    const tokenAttempts =
      token === undefined || (options.countsOnly && behaviourOf(token).kind !== 'first')
        ? undefined
        : (attempts.get(token) ?? attempts.set(token, []).get(token)!);
    const now = Date.now();
    const result = ((): ContractAnswer => {
      const q = quota.take(now);
      if (!q.ok)
        return fcmError('QUOTA_EXCEEDED', 'Quota exceeded for quota metric messages per minute.', {
          retryAfterSeconds: q.retryAfterSeconds,
        });
      if (!valid.ok) return valid.answer;
      const behaviour = behaviourOf(valid.send.token);
      if (behaviour.kind === 'always') {
        const messages = {
          UNREGISTERED: 'Requested entity was not found.',
          INVALID_ARGUMENT: 'The registration token is not a valid FCM registration token',
          SENDER_ID_MISMATCH: 'SenderId mismatch',
          THIRD_PARTY_AUTH_ERROR: 'Auth error from APNS or Web Push Service',
        } as const;
        return fcmError(behaviour.code, messages[behaviour.code], behaviour.code === 'INVALID_ARGUMENT' ? { field: 'message.token' } : {});
      }
      if (behaviour.kind === 'first' && tokenAttempts!.length < behaviour.times) {
        const transientAnswer = fcmError(
          behaviour.code,
          `Scripted ${behaviour.code}.`,
          behaviour.code === 'INTERNAL' ? {} : { retryAfterSeconds },
        );
        return transientAnswer;
      }
      return { status: 200, body: { name: `projects/${projectOf(req.url!)}/messages/${messageIdPrefix}${(++messageCount).toString(16)}` } };
    })();
    tokenAttempts?.push({ status: result.status, at: now });
    if (result.status === 200 && valid.ok && !valid.send.validateOnly) {
      const { token: t, data, payloadBytes } = valid.send;
      const key = `${t}\u0000${data['alertId']}`;
      if (seen.has(key)) summary.duplicates++;
      else seen.add(key);
      summary.accepted++;
      if (!options.countsOnly)
        received.push({
          token: t,
          alertId: data['alertId'],
          data,
          message: (body as { message: Record<string, unknown> }).message,
          payloadBytes,
          at: now,
          httpVersion: req.httpVersion,
        });
    }
    return result;
  }

  function oauthToken(raw: string): ContractAnswer {
    const form = new URLSearchParams(raw);
    const claims = decodeJwtClaims(form.get('assertion'));
    if (
      form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer' ||
      !claims ||
      claims['aud'] !== 'https://oauth2.googleapis.com/token' ||
      typeof claims['iss'] !== 'string'
    ) {
      return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid JWT assertion.' } };
    }
    summary.tokenRequests++;
    const accessToken = `ya29.local-${randomBytes(16).toString('hex')}`;
    issuedTokens.add(accessToken);
    return { status: 200, body: { access_token: accessToken, expires_in: 3599, token_type: 'Bearer' } };
  }

  function control(req: IncomingMessage): ContractAnswer {
    if (req.url === '/__contract/summary') return { status: 200, body: { ...summary, distinct: seen.size } };
    if (req.url === '/__contract/reset' && req.method === 'POST') {
      reset();
      return { status: 200, body: { ok: true } };
    }
    return { status: 404, body: { error: { code: 404, message: 'Not found', status: 'NOT_FOUND' } } };
  }

  function reset(): void {
    quota = new QuotaWindow(options.quotaPerMinute ?? Number.POSITIVE_INFINITY);
    received = [];
    seen = new Set();
    attempts = new Map();
    summary = emptySummary();
  }

  function handle(req: IncomingMessage | http2.Http2ServerRequest, res: ServerResponse | http2.Http2ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const reply = (a: ContractAnswer, counted = false) => answer(res as ServerResponse, a, counted);
      if (req.method === 'POST' && /^\/v1\/projects\/[^/]+\/messages:send$/.test(req.url ?? '')) {
        summary.requests++;
        const result = send(req as IncomingMessage, raw);
        if (latencyMs > 0) setTimeout(() => reply(result, true), latencyMs);
        else reply(result, true);
      } else if (req.method === 'POST' && req.url === '/token') {
        reply(oauthToken(raw));
      } else {
        reply(control(req as IncomingMessage));
      }
    });
  }

  const server = https.createServer({ cert, key, keepAliveTimeout: 120_000, requestTimeout: 0 }, handle);
  server.keepAliveTimeout = 120_000;
  // FCM's front ends allow 100 concurrent streams per connection; a sender must live with the same.
  const h2 = http2.createSecureServer({ cert, key, settings: { maxConcurrentStreams: 100 } }, handle);
  const listen = (s: https.Server | http2.Http2SecureServer, port: number) =>
    new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve());
    });
  // Closing waits for open sessions; a sender that keeps one (or dies holding it) must not hold up a stop.
  const sessions = new Set<http2.ServerHttp2Session>();
  h2.on('session', (session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  await listen(server, options.port ?? 0);
  await listen(h2, 0);
  return {
    port: (server.address() as AddressInfo).port,
    http2Port: (h2.address() as AddressInfo).port,
    ca: cert,
    received: () => received,
    summary: () => ({ ...summary, byStatus: { ...summary.byStatus }, distinct: seen.size }),
    attemptsFor: (token) => attempts.get(token) ?? [],
    reset,
    close: () =>
      Promise.all([
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
        new Promise<void>((resolve) => {
          h2.close(() => resolve());
          for (const session of sessions) session.destroy();
        }),
      ]).then(() => undefined),
  };
}

function emptySummary(): ContractSummary {
  return { requests: 0, accepted: 0, byStatus: {}, duplicates: 0, distinct: 0, tokenRequests: 0 };
}

function projectOf(url: string): string {
  return url.split('/')[3] ?? '';
}

function decodeJwtClaims(jwt: string | null): Record<string, unknown> | null {
  const parts = jwt?.split('.');
  if (parts?.length !== 3) return null;
  try {
    return JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}
