import { describe, expect, it } from 'vitest';
import { behaviourOf, fcmError, MAX_PAYLOAD_BYTES, QuotaWindow, validateSendBody } from '../src/fcm-contract.ts';

describe('scripted behaviour by token name', () => {
  it('reads permanent and transient failures from the prefix, anything else succeeds', () => {
    expect(behaviourOf('unregistered-1-abc')).toEqual({ kind: 'always', code: 'UNREGISTERED' });
    expect(behaviourOf('invalid-x')).toEqual({ kind: 'always', code: 'INVALID_ARGUMENT' });
    expect(behaviourOf('mismatch-x')).toEqual({ kind: 'always', code: 'SENDER_ID_MISMATCH' });
    expect(behaviourOf('authfail-x')).toEqual({ kind: 'always', code: 'THIRD_PARTY_AUTH_ERROR' });
    expect(behaviourOf('unavailable-3x-abc')).toEqual({ kind: 'first', code: 'UNAVAILABLE', times: 3 });
    expect(behaviourOf('internal-12x-abc')).toEqual({ kind: 'first', code: 'INTERNAL', times: 12 });
    expect(behaviourOf('quota-1x-abc')).toEqual({ kind: 'first', code: 'QUOTA_EXCEEDED', times: 1 });
    expect(behaviourOf('unavailable-abc')).toEqual({ kind: 'ok' });
    expect(behaviourOf('dGhpcyBpcyBhIHRva2Vu:APA91b')).toEqual({ kind: 'ok' });
  });
});

describe('documented errors', () => {
  it('carry the HTTP status, the google.rpc status and details[].errorCode FCM documents', () => {
    const cases = [
      ['UNREGISTERED', 404, 'NOT_FOUND'],
      ['INVALID_ARGUMENT', 400, 'INVALID_ARGUMENT'],
      ['SENDER_ID_MISMATCH', 403, 'PERMISSION_DENIED'],
      ['THIRD_PARTY_AUTH_ERROR', 401, 'UNAUTHENTICATED'],
      ['QUOTA_EXCEEDED', 429, 'RESOURCE_EXHAUSTED'],
      ['UNAVAILABLE', 503, 'UNAVAILABLE'],
      ['INTERNAL', 500, 'INTERNAL'],
    ] as const;
    for (const [code, http, status] of cases) {
      const a = fcmError(code, 'm');
      expect(a.status).toBe(http);
      expect(a.body).toMatchObject({
        error: { code: http, status, details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode: code }] },
      });
    }
  });

  it('adds Retry-After when asked and names the bad field in a BadRequest', () => {
    expect(fcmError('UNAVAILABLE', 'm', { retryAfterSeconds: 7 }).headers).toEqual({ 'retry-after': '7' });
    const bad = fcmError('INVALID_ARGUMENT', 'bad token', { field: 'message.token' }).body as { error: { details: unknown[] } };
    expect(bad.error.details[1]).toEqual({
      '@type': 'type.googleapis.com/google.rpc.BadRequest',
      fieldViolations: [{ field: 'message.token', description: 'bad token' }],
    });
  });
});

describe('validating a send request', () => {
  const field = (r: ReturnType<typeof validateSendBody>) =>
    r.ok ? null : ((r.answer.body as any).error.details[1].fieldViolations[0].field as string);

  it('accepts a token message with string data and reports its payload size', () => {
    const r = validateSendBody({ message: { token: 't', notification: { title: '안녕', body: '하세요' }, data: { a: '1' } } });
    expect(r).toMatchObject({ ok: true, send: { token: 't', data: { a: '1' }, validateOnly: false } });
    if (r.ok)
      expect(r.send.payloadBytes).toBe(
        Buffer.byteLength(JSON.stringify({ notification: { title: '안녕', body: '하세요' }, data: { a: '1' } })),
      );
  });

  it('rejects a missing message or token and non-string data values, naming the field', () => {
    expect(field(validateSendBody({}))).toBe('message');
    expect(field(validateSendBody({ message: { topic: 'news' } }))).toBe('message.token');
    expect(field(validateSendBody({ message: { token: 't', data: { n: 1 } } }))).toBe('message.data[n].value');
    expect(field(validateSendBody({ message: { token: 't', data: ['x'] } }))).toBe('message.data');
  });

  it('rejects a payload over 4096 bytes, Korean counted in UTF-8 bytes, the token not counted', () => {
    const fits = (body: string) => validateSendBody({ message: { token: 'x'.repeat(5000), notification: { body } } }).ok;
    const overhead = Buffer.byteLength(JSON.stringify({ notification: { body: '' } }));
    const room = MAX_PAYLOAD_BYTES - overhead;
    expect(fits('가'.repeat(Math.floor(room / 3)))).toBe(true);
    expect(fits('가'.repeat(Math.floor(room / 3) + 1))).toBe(false);
  });
});

describe('the per-minute quota', () => {
  it('counts a sliding minute and says when room comes back', () => {
    const q = new QuotaWindow(3);
    expect(q.take(0).ok).toBe(true);
    expect(q.take(10_000).ok).toBe(true);
    expect(q.take(20_000).ok).toBe(true);
    expect(q.take(30_000)).toEqual({ ok: false, retryAfterSeconds: 30 });
    // A refused request does not count: at 60 s the first has left the window.
    expect(q.take(60_000).ok).toBe(true);
    expect(q.take(60_001).ok).toBe(false);
    expect(q.take(70_000).ok).toBe(true);
  });
});
