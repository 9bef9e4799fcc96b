/**
 * The part of FCM's HTTP v1 `messages:send` contract that a sender has to handle, as pure functions: what a
 * request must look like, which documented error each scripted token gets, and the per-minute quota.
 * Source: firebase.google.com/docs/reference/fcm/rest/v1/ErrorCode and /docs/cloud-messaging/throttling-and-quotas.
 */

/** FCM's limit on a message's payload (everything but the target token), in bytes of JSON. */
export const MAX_PAYLOAD_BYTES = 4096;

/** An answer the server sends: status, JSON body and extra headers. */
export interface ContractAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** The documented FCM error codes (`details[].errorCode`) this server can answer with. */
export type FcmErrorCode =
  'UNREGISTERED' | 'INVALID_ARGUMENT' | 'SENDER_ID_MISMATCH' | 'THIRD_PARTY_AUTH_ERROR' | 'QUOTA_EXCEEDED' | 'UNAVAILABLE' | 'INTERNAL';

const statusOf: Record<FcmErrorCode, { http: number; status: string }> = {
  UNREGISTERED: { http: 404, status: 'NOT_FOUND' },
  INVALID_ARGUMENT: { http: 400, status: 'INVALID_ARGUMENT' },
  SENDER_ID_MISMATCH: { http: 403, status: 'PERMISSION_DENIED' },
  THIRD_PARTY_AUTH_ERROR: { http: 401, status: 'UNAUTHENTICATED' },
  QUOTA_EXCEEDED: { http: 429, status: 'RESOURCE_EXHAUSTED' },
  UNAVAILABLE: { http: 503, status: 'UNAVAILABLE' },
  INTERNAL: { http: 500, status: 'INTERNAL' },
};

/**
 * An error in FCM's shape: a google.rpc.Status whose details hold an FcmError with the code, plus, for a bad
 * field, a BadRequest naming it (what FCM sends for a malformed token).
 */
export function fcmError(
  code: FcmErrorCode,
  message: string,
  options: { field?: string; retryAfterSeconds?: number } = {},
): ContractAnswer {
  const { http, status } = statusOf[code];
  const details: unknown[] = [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode: code }];
  if (options.field) {
    details.push({
      '@type': 'type.googleapis.com/google.rpc.BadRequest',
      fieldViolations: [{ field: options.field, description: message }],
    });
  }
  return {
    status: http,
    body: { error: { code: http, message, status, details } },
    ...(options.retryAfterSeconds !== undefined ? { headers: { 'retry-after': String(options.retryAfterSeconds) } } : {}),
  };
}

/**
 * What a token asks the server to do, by its prefix, so a test scripts failures by naming devices:
 * `unregistered-…` 404, `invalid-…` 400 about the token, `mismatch-…` 403, `authfail-…` 401, and
 * `unavailable-<n>x-…`, `internal-<n>x-…`, `quota-<n>x-…` fail the first n requests for that token, then succeed.
 */
export type TokenBehaviour =
  | { kind: 'ok' }
  | { kind: 'always'; code: 'UNREGISTERED' | 'INVALID_ARGUMENT' | 'SENDER_ID_MISMATCH' | 'THIRD_PARTY_AUTH_ERROR' }
  | { kind: 'first'; code: 'UNAVAILABLE' | 'INTERNAL' | 'QUOTA_EXCEEDED'; times: number };

const always = {
  unregistered: 'UNREGISTERED',
  invalid: 'INVALID_ARGUMENT',
  mismatch: 'SENDER_ID_MISMATCH',
  authfail: 'THIRD_PARTY_AUTH_ERROR',
} as const;
const transient = { unavailable: 'UNAVAILABLE', internal: 'INTERNAL', quota: 'QUOTA_EXCEEDED' } as const;

/** Reads a token's scripted behaviour from its name (see {@link TokenBehaviour}). */
export function behaviourOf(token: string): TokenBehaviour {
  const dash = token.indexOf('-');
  if (dash < 0) return { kind: 'ok' };
  const prefix = token.slice(0, dash);
  if (prefix in always) return { kind: 'always', code: always[prefix as keyof typeof always] };
  if (prefix in transient) {
    const m = /^(\d+)x-/.exec(token.slice(dash + 1));
    if (m) return { kind: 'first', code: transient[prefix as keyof typeof transient], times: Number(m[1]) };
  }
  return { kind: 'ok' };
}

/** A send request that passed validation: the target token and the fields tests look at. */
export interface ValidSend {
  token: string;
  data: Record<string, string>;
  payloadBytes: number;
  validateOnly: boolean;
}

/**
 * Validates a `messages:send` body like FCM does for what this system sends: a `message` with a `token`
 * (topics and conditions are not used here), `data` values that are strings, a payload within 4096 bytes.
 */
export function validateSendBody(body: unknown): { ok: true; send: ValidSend } | { ok: false; answer: ContractAnswer } {
  const bad = (message: string, field: string) => ({ ok: false as const, answer: fcmError('INVALID_ARGUMENT', message, { field }) });
  if (typeof body !== 'object' || body === null) return bad('Request body must be a JSON object.', 'body');
  const message = (body as { message?: unknown }).message;
  if (typeof message !== 'object' || message === null) return bad('Request contains an invalid argument: message is required.', 'message');
  const { token, data, ...rest } = message as { token?: unknown; data?: unknown };
  if (typeof token !== 'string' || token.length === 0)
    return bad('Request contains an invalid argument: message.token is required.', 'message.token');
  if (data !== undefined) {
    if (typeof data !== 'object' || data === null || Array.isArray(data))
      return bad('message.data must be a map of strings.', 'message.data');
    for (const [k, v] of Object.entries(data)) {
      if (typeof v !== 'string') return bad(`Invalid value at 'message.data[${k}].value' (TYPE_STRING).`, `message.data[${k}].value`);
    }
  }
  const payloadBytes = Buffer.byteLength(JSON.stringify({ ...rest, data }));
  if (payloadBytes > MAX_PAYLOAD_BYTES) {
    return bad(`Message is too big: ${payloadBytes} bytes, the limit is ${MAX_PAYLOAD_BYTES}.`, 'message');
  }
  return {
    ok: true,
    send: {
      token,
      data: (data ?? {}) as Record<string, string>,
      payloadBytes,
      validateOnly: (body as { validate_only?: unknown }).validate_only === true,
    },
  };
}

/**
 * FCM's per-project quota as a sliding window of one minute (FCM's windows are not clock-aligned, so a
 * sliding one is the strictest reading). Requests answered with 429 do not count; every other one does,
 * 4xx included, as Google documents.
 */
export class QuotaWindow {
  private readonly times: number[] = [];
  private head = 0;

  constructor(
    private readonly perMinute: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Counts a request at `now` if the window has room; otherwise returns the seconds until it has. */
  take(now: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
    while (this.head < this.times.length && this.times[this.head]! <= now - this.windowMs) this.head++;
    if (this.head > 4096 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.head = 0;
    }
    if (this.times.length - this.head >= this.perMinute) {
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((this.times[this.head]! + this.windowMs - now) / 1000)) };
    }
    this.times.push(now);
    return { ok: true };
  }
}
