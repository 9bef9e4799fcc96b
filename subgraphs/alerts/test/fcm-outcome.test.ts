import { describe, expect, it } from 'vitest';
import type { SendResponse } from 'firebase-admin/messaging';
import { fcmOutcome } from '../src/modules/push/fcm-outcome.ts';
import { retryDelayMs } from '../src/modules/push/push-backoff.ts';

// Responses shaped as firebase-admin returns them (code + httpResponse with FCM's JSON), as sendEach gives them.
const failure = (code: string, status: number, data: unknown = {}, headers: Record<string, string> = {}): SendResponse =>
  ({ success: false, error: { code, message: 'm', httpResponse: { status, headers, data } } }) as unknown as SendResponse;
const fieldViolation = (field: string, message = 'Invalid value') => ({
  error: { message, details: [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ field }] }] },
});

describe('what an FCM answer means', () => {
  it('sent, with the message name', () => {
    expect(fcmOutcome({ success: true, messageId: 'projects/p/messages/1' })).toEqual({
      state: 'sent',
      messageId: 'projects/p/messages/1',
    });
  });

  it('rejects the token on UNREGISTERED, SENDER_ID_MISMATCH and an INVALID_ARGUMENT about the token', () => {
    expect(fcmOutcome(failure('messaging/registration-token-not-registered', 404))).toEqual({
      state: 'token_rejected',
      code: 'UNREGISTERED',
    });
    expect(fcmOutcome(failure('messaging/mismatched-credential', 403))).toEqual({ state: 'token_rejected', code: 'SENDER_ID_MISMATCH' });
    expect(fcmOutcome(failure('messaging/invalid-argument', 400, fieldViolation('message.token')))).toEqual({
      state: 'token_rejected',
      code: 'INVALID_ARGUMENT',
    });
    expect(
      fcmOutcome(
        failure('messaging/invalid-argument', 400, { error: { message: 'The registration token is not a valid FCM registration token' } }),
      ),
    ).toEqual({
      state: 'token_rejected',
      code: 'INVALID_ARGUMENT',
    });
  });

  it('fails only the message on an INVALID_ARGUMENT about the payload or an APNs credential problem', () => {
    expect(fcmOutcome(failure('messaging/invalid-argument', 400, fieldViolation('message.data[x].value')))).toEqual({
      state: 'failed',
      code: 'INVALID_ARGUMENT',
    });
    expect(fcmOutcome(failure('messaging/third-party-auth-error', 401))).toEqual({ state: 'failed', code: 'THIRD_PARTY_AUTH_ERROR' });
  });

  it('retries UNAVAILABLE, INTERNAL, QUOTA_EXCEEDED and network errors, reading Retry-After', () => {
    expect(fcmOutcome(failure('messaging/server-unavailable', 503, {}, { 'retry-after': '7' }))).toEqual({
      state: 'retry',
      code: 'UNAVAILABLE',
      retryAfterMs: 7000,
      quota: false,
    });
    expect(fcmOutcome(failure('messaging/internal-error', 500))).toEqual({
      state: 'retry',
      code: 'INTERNAL',
      retryAfterMs: null,
      quota: false,
    });
    expect(fcmOutcome(failure('messaging/message-rate-exceeded', 429, {}, { 'retry-after': '30' }))).toEqual({
      state: 'retry',
      code: 'QUOTA_EXCEEDED',
      retryAfterMs: 30_000,
      quota: true,
    });
    expect(fcmOutcome(failure('app/network-error', 0))).toMatchObject({ state: 'retry', code: 'NETWORK_ERROR' });
  });
});

describe('when to retry', () => {
  const policy = { baseMs: 1000, maxMs: 300_000, maxAttempts: 6 };
  const unavailable = { state: 'retry' as const, code: 'UNAVAILABLE', retryAfterMs: null, quota: false };

  it('doubles from the base with jitter of up to half, capped', () => {
    expect(retryDelayMs(unavailable, 1, policy, () => 0)).toBe(500);
    expect(retryDelayMs(unavailable, 1, policy, () => 1)).toBe(1000);
    expect(retryDelayMs(unavailable, 4, policy, () => 1)).toBe(8000);
    expect(retryDelayMs(unavailable, 30, policy, () => 1)).toBe(300_000);
  });

  it('never retries sooner than Retry-After', () => {
    expect(retryDelayMs({ ...unavailable, retryAfterMs: 20_000 }, 1, policy, () => 0)).toBe(20_000);
  });

  it('waits at least a minute after QUOTA_EXCEEDED, doubling from there', () => {
    const quota = { state: 'retry' as const, code: 'QUOTA_EXCEEDED', retryAfterMs: 1000, quota: true };
    expect(retryDelayMs(quota, 1, { ...policy, maxMs: 5000 })).toBe(60_000);
    expect(retryDelayMs(quota, 2, policy)).toBe(120_000);
  });
});
