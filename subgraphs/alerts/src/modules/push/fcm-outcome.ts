import type { SendResponse } from 'firebase-admin/messaging';

/** What one FCM answer means for the (job, device) it was for. */
export type FcmOutcome =
  | { state: 'sent'; messageId: string }
  /** FCM says the token is dead: never send to it again and tell the users service. */
  | { state: 'token_rejected'; code: string }
  /** Worth another try later; `quota` pauses the whole project, not just this device. */
  | { state: 'retry'; code: string; retryAfterMs: number | null; quota: boolean }
  | { state: 'failed'; code: string };

interface ErrorWithResponse {
  code?: string;
  httpResponse?: { status?: number; headers?: Record<string, string | string[] | undefined>; data?: unknown };
}

/**
 * Classifies one response by FCM's documented error codes (details[].errorCode, as firebase-admin maps them):
 * UNREGISTERED, SENDER_ID_MISMATCH and an INVALID_ARGUMENT that names the token reject the token;
 * UNAVAILABLE, INTERNAL, QUOTA_EXCEEDED and network errors are retried; anything else (a bad payload,
 * THIRD_PARTY_AUTH_ERROR — an APNs/Web Push credential problem of the project) fails this message only.
 */
export function fcmOutcome(response: SendResponse): FcmOutcome {
  if (response.success) return { state: 'sent', messageId: response.messageId ?? '' };
  const error = (response.error ?? {}) as ErrorWithResponse;
  const code = error.code ?? 'unknown';
  const retryAfterMs = retryAfter(error.httpResponse?.headers?.['retry-after']);
  switch (code) {
    case 'messaging/registration-token-not-registered':
      return { state: 'token_rejected', code: 'UNREGISTERED' };
    case 'messaging/mismatched-credential':
      return { state: 'token_rejected', code: 'SENDER_ID_MISMATCH' };
    case 'messaging/invalid-registration-token':
      return { state: 'token_rejected', code: 'INVALID_ARGUMENT' };
    case 'messaging/invalid-argument':
      return isAboutToken(error.httpResponse?.data)
        ? { state: 'token_rejected', code: 'INVALID_ARGUMENT' }
        : { state: 'failed', code: 'INVALID_ARGUMENT' };
    case 'messaging/message-rate-exceeded':
      return { state: 'retry', code: 'QUOTA_EXCEEDED', retryAfterMs, quota: true };
    case 'messaging/server-unavailable':
      return { state: 'retry', code: 'UNAVAILABLE', retryAfterMs, quota: false };
    case 'messaging/internal-error':
      return { state: 'retry', code: 'INTERNAL', retryAfterMs, quota: false };
    case 'app/network-error':
    case 'app/network-timeout':
      return { state: 'retry', code: code.slice(4).replace('-', '_').toUpperCase(), retryAfterMs: null, quota: false };
    case 'messaging/third-party-auth-error':
      return { state: 'failed', code: 'THIRD_PARTY_AUTH_ERROR' };
    default:
      return { state: 'failed', code: code.replace(/^messaging\//, '') };
  }
}

/** FCM names the field it rejects; a token problem says `message.token` or "registration token". */
function isAboutToken(data: unknown): boolean {
  const error = (data as { error?: { message?: string; details?: { fieldViolations?: { field?: string }[] }[] } } | undefined)?.error;
  if (error?.details?.some((d) => d.fieldViolations?.some((v) => v.field === 'message.token'))) return true;
  return /registration token/i.test(error?.message ?? '');
}

/** Retry-After as seconds or an HTTP date, in ms; null when absent or unreadable. */
function retryAfter(value: string | string[] | undefined): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return null;
  if (/^\d+$/.test(v.trim())) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}
