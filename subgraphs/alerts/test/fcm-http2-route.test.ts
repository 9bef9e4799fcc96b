import http2 from 'node:http2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFcmContractServer, type FcmContractServer } from '@petcare/fcm-contract-server';
import { routeFcmHttp2 } from '../src/modules/push/fcm-http2-route.ts';

let fcm: FcmContractServer;

beforeAll(async () => {
  fcm = await startFcmContractServer();
});

afterAll(async () => {
  await fcm?.close();
});

/** One POST the way firebase-admin 14 writes it (`:scheme: https:`); resolves with the status, else the error. */
function post(authority: string): Promise<string> {
  return new Promise((resolve) => {
    let sessionError: string | undefined;
    let streamError: string | undefined;
    const session = http2.connect(authority);
    session.on('error', (error: NodeJS.ErrnoException) => (sessionError = error.code));
    session.on('close', () => resolve(sessionError ? `session error ${sessionError}` : `stream error ${streamError}`));
    const req = session.request({ ':method': 'POST', ':scheme': 'https:', ':path': '/v1/projects/p/messages:send' });
    req.on('response', (headers) => resolve(String(headers[':status'])));
    req.on('error', (error: NodeJS.ErrnoException) => (streamError = error.code));
    req.on('close', () => session.close());
    req.resume();
    req.end('{}');
  });
}

describe('routeFcmHttp2', () => {
  it("sends fcm.googleapis.com's connections to the route, checking its certificate, and undoes", async () => {
    const original = http2.connect;
    const undo = routeFcmHttp2({ host: '127.0.0.1', port: fcm.http2Port, ca: fcm.ca });
    try {
      // The local FCM answers (401: no token), so the connection, the TLS check and the scheme went through.
      expect(await post('https://fcm.googleapis.com')).toBe('401');
      // Any other origin is Node's own: the local FCM's self-signed certificate is not trusted there.
      expect(await post(`https://127.0.0.1:${fcm.http2Port}`)).toMatch(
        /^session error (DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_CERT_ALTNAME_INVALID)/,
      );
    } finally {
      undo();
    }
    expect(http2.connect).toBe(original);
  });
});
