import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFcmContractServer, type FcmContractServer } from '../src/fcm-contract-server.ts';

let server: FcmContractServer;

beforeAll(async () => {
  server = await startFcmContractServer({ quotaPerMinute: 3, latencyMs: 30 });
});

afterAll(async () => {
  await server?.close();
});

/** A request to one of Google's hosts, sent to the local server and checked against its certificate for that name. */
function post(host: string, path: string, body: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; json: any; ms: number }>((resolve, reject) => {
    const started = performance.now();
    const req = https.request(
      { host: '127.0.0.1', servername: host, port: server.port, ca: server.ca, method: 'POST', path, headers: { ...headers, host } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, json: JSON.parse(text), ms: performance.now() - started }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const jwt = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
const form = (assertion: string) =>
  new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString();
const SEND = '/v1/projects/petcare-test/messages:send';

describe('the local FCM over TLS', () => {
  it('issues an OAuth token for a service-account JWT and refuses a JWT for another audience', async () => {
    const bad = await post('oauth2.googleapis.com', '/token', form(jwt({ aud: 'https://example.com', iss: 'a@b.c' })));
    expect(bad.status).toBe(400);
    const ok = await post('oauth2.googleapis.com', '/token', form(jwt({ aud: 'https://oauth2.googleapis.com/token', iss: 'a@b.c' })));
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ access_token: expect.stringMatching(/^ya29\./), expires_in: 3599, token_type: 'Bearer' });
  });

  it('answers sends only with an issued token, after the configured latency, names the message, and counts duplicates', async () => {
    server.reset();
    const token = (await post('oauth2.googleapis.com', '/token', form(jwt({ aud: 'https://oauth2.googleapis.com/token', iss: 'a@b.c' }))))
      .json.access_token;
    const message = JSON.stringify({ message: { token: 'device-1', data: { alertId: 'a1' } } });
    expect((await post('fcm.googleapis.com', SEND, message, { authorization: 'Bearer nope' })).status).toBe(401);
    const first = await post('fcm.googleapis.com', SEND, message, { authorization: `Bearer ${token}` });
    expect(first.status).toBe(200);
    expect(first.json.name).toMatch(/^projects\/petcare-test\/messages\/[0-9a-f]+$/);
    expect(first.ms).toBeGreaterThanOrEqual(29);
    await post('fcm.googleapis.com', SEND, message, { authorization: `Bearer ${token}` });
    expect(server.summary()).toMatchObject({ accepted: 2, duplicates: 1, distinct: 1 });
    expect(server.received()[0]).toMatchObject({ token: 'device-1', alertId: 'a1' });

    // The quota is 3 per minute: the 401 did not count, the two sends and this one do, the next is refused.
    expect(
      (await post('fcm.googleapis.com', SEND, JSON.stringify({ message: { token: 'device-2' } }), { authorization: `Bearer ${token}` }))
        .status,
    ).toBe(200);
    const refused = await post('fcm.googleapis.com', SEND, JSON.stringify({ message: { token: 'device-3' } }), {
      authorization: `Bearer ${token}`,
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(50);
    expect(refused.json.error.details[0].errorCode).toBe('QUOTA_EXCEEDED');
  });
});
