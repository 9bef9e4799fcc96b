import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '@petcare/service-kit/testing';
import { enqueuePush, type PushRequest } from '../src/modules/push/push-request.ts';
import { getDeliveryProgress } from '../src/modules/push/delivery-progress.ts';
import { deviceTokenRejectedEvent } from '@petcare/cdc';
import { startPushHarness, type PushHarness } from './support/push-harness.ts';

let h: PushHarness;

beforeAll(async () => {
  h = await startPushHarness({ retryAfterSeconds: 1 });
  await h.delivery().background!.start();
});

afterAll(async () => {
  await h?.close();
});

const em = () => h.orm.em.fork();
const notice = (userIds: string[]): PushRequest => ({
  audience: { userIds },
  kind: 'SYSTEM',
  title: '점검 안내',
  body: '오늘 밤 서비스 점검이 있어요.',
});

async function pushAndWait(userIds: string[]) {
  const { jobId } = await enqueuePush(em(), notice(userIds));
  await waitUntil(`push job ${jobId} is done`, async () => (await getDeliveryProgress(em(), jobId))?.state === 'DONE', 40_000);
  return { jobId, progress: (await getDeliveryProgress(em(), jobId))! };
}

const attempt = async (jobId: string, token: string) =>
  (
    await h.sql<{ state: string; error_code: string | null; attempts: number }>(
      'select state, error_code, attempts from push_attempt where job_id = ? and token = ?',
      [jobId, token],
    )
  )[0];

describe('tokens FCM rejects', () => {
  it('marks UNREGISTERED, invalid and SENDER_ID_MISMATCH tokens dead, tells the users service once, and never sends to them again', async () => {
    const gone = await h.addUser({ tokenPrefix: 'unregistered' });
    const invalid = await h.addUser({ tokenPrefix: 'invalid' });
    const mismatch = await h.addUser({ tokenPrefix: 'mismatch' });
    const fine = await h.addUser();
    // An APNs credential problem of the project: that message fails, the token is not blamed.
    const apns = await h.addUser({ tokenPrefix: 'authfail', platform: 'IOS' });
    const users = [gone, invalid, mismatch, fine, apns];
    const { jobId, progress } = await pushAndWait(users.map((u) => u.userId));
    expect(progress).toMatchObject({ devicesTargeted: 5, sent: 1, tokensRemoved: 3, failed: 1 });
    expect(await attempt(jobId, apns.tokens[0]!)).toMatchObject({ state: 'failed', error_code: 'THIRD_PARTY_AUTH_ERROR', attempts: 1 });
    expect(await attempt(jobId, gone.tokens[0]!)).toMatchObject({ state: 'token_rejected', error_code: 'UNREGISTERED' });
    expect(await attempt(jobId, invalid.tokens[0]!)).toMatchObject({ state: 'token_rejected', error_code: 'INVALID_ARGUMENT' });
    expect(await attempt(jobId, mismatch.tokens[0]!)).toMatchObject({ state: 'token_rejected', error_code: 'SENDER_ID_MISMATCH' });

    const events = await h.sql<{ aggregatetype: string; aggregateid: string; type: string; payload: Record<string, string> }>(
      `select aggregatetype, aggregateid, type, payload from outbox_event where payload->>'userId' = any(?::text[]) order by payload->>'reason'`,
      [`{${users.map((u) => u.userId).join(',')}}`],
    );
    const devices = await h.sql<{ id: string; token: string; user_id: string }>(
      'select id, token, user_id from device_copy where token = any(?::text[])',
      [`{${[gone, invalid, mismatch].map((u) => u.tokens[0]).join(',')}}`],
    );
    const deviceOf = new Map(devices.map((d) => [d.token, d]));
    expect(events.map((e) => e.payload['reason'])).toEqual(['INVALID_ARGUMENT', 'SENDER_ID_MISMATCH', 'UNREGISTERED']);
    for (const e of events) {
      const d = deviceOf.get(e.payload['token']!)!;
      expect(e).toMatchObject({ aggregatetype: 'device-token', aggregateid: d.id, type: 'DEVICE_TOKEN_REJECTED' });
      expect(e.payload).toEqual({
        id: expect.any(String),
        type: 'DEVICE_TOKEN_REJECTED',
        occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        deviceId: d.id,
        token: d.token,
        userId: d.user_id,
        reason: e.payload['reason'],
      });
      expect(deviceTokenRejectedEvent.safeParse(e.payload).success).toBe(true);
    }

    // The device_copy rows are still here (the users service deletes them, CDC carries it back): a second
    // push must still skip them, and no second event is written.
    const again = await pushAndWait(users.map((u) => u.userId));
    expect(again.progress).toMatchObject({ devicesTargeted: 2, sent: 1, failed: 1, tokensRemoved: 0 });
    for (const u of [gone, invalid, mismatch]) expect(h.fcm.attemptsFor(u.tokens[0]!)).toHaveLength(1);
    expect(
      await h.sql(`select 1 from outbox_event where payload->>'userId' = any(?::text[])`, [`{${users.map((u) => u.userId).join(',')}}`]),
    ).toHaveLength(3);
  });
});

describe('transient FCM errors', () => {
  it('retries UNAVAILABLE (honouring Retry-After) and INTERNAL (exponential backoff) until they go through, once', async () => {
    // firebase-admin itself retries a 503 four times, honouring Retry-After; our retry comes after those.
    const unavailable = await h.addUser({ tokenPrefix: 'unavailable-6x' });
    const internal = await h.addUser({ tokenPrefix: 'internal-3x' });
    const { jobId, progress } = await pushAndWait([unavailable.userId, internal.userId]);
    expect(progress).toMatchObject({ sent: 2, failed: 0, pending: 0 });

    const u = h.fcm.attemptsFor(unavailable.tokens[0]!);
    expect(u.map((a) => a.status)).toEqual([503, 503, 503, 503, 503, 503, 200]);
    // Retry-After is 1 s: no try comes sooner, whether the SDK's or ours.
    for (let i = 1; i < u.length; i++) expect(u[i]!.at - u[i - 1]!.at).toBeGreaterThanOrEqual(950);

    const i = h.fcm.attemptsFor(internal.tokens[0]!);
    expect(i.map((a) => a.status)).toEqual([500, 500, 500, 200]);
    // Base 200 ms doubling with jitter of up to half: at least 100, 200, 400 ms apart.
    const gaps = i.slice(1).map((a, n) => a.at - i[n]!.at);
    gaps.forEach((gap, n) => expect(gap).toBeGreaterThanOrEqual(100 * 2 ** n - 5));
    expect(await attempt(jobId, internal.tokens[0]!)).toMatchObject({ state: 'sent', attempts: 4 });
    expect(await attempt(jobId, unavailable.tokens[0]!)).toMatchObject({ state: 'sent', attempts: 2 });
    expect(h.fcm.received().filter((m) => m.token === internal.tokens[0] || m.token === unavailable.tokens[0])).toHaveLength(2);
  });

  it('backs off at least a minute on QUOTA_EXCEEDED, pausing every sender, then sends once', async () => {
    const throttled = await h.addUser({ tokenPrefix: 'quota-1x' });
    const { jobId } = await enqueuePush(em(), notice([throttled.userId]));
    await waitUntil('FCM answered 429', async () => (await attempt(jobId, throttled.tokens[0]!))?.state === 'retry', 20_000);
    const [due] = await h.sql<{ in_s: number }>(
      `select extract(epoch from next_attempt_at - now()) as in_s from push_attempt where job_id = ?`,
      [jobId],
    );
    expect(Number(due!.in_s)).toBeGreaterThan(55);
    const [pace] = await h.sql<{ in_s: number }>(
      `select extract(epoch from paused_until - now()) as in_s from push_rate_limit where name = 'fcm'`,
    );
    expect(Number(pace!.in_s)).toBeGreaterThan(55);

    // Nothing else goes out meanwhile, not even another job's messages.
    const other = await h.addUser();
    const blocked = await enqueuePush(em(), notice([other.userId]));
    await new Promise((r) => setTimeout(r, 2000));
    expect(h.fcm.attemptsFor(other.tokens[0]!)).toHaveLength(0);

    // A minute passes (moved, not waited): the retry goes through once, and the other job too.
    await h.sql(`update push_attempt set next_attempt_at = now() where job_id = ?`, [jobId]);
    await h.sql(`update push_job set resume_at = now() where id = ?`, [jobId]);
    await h.sql(`update push_rate_limit set paused_until = now()`);
    await waitUntil(
      'both jobs are done',
      async () =>
        (await getDeliveryProgress(em(), jobId))?.state === 'DONE' && (await getDeliveryProgress(em(), blocked.jobId))?.state === 'DONE',
      20_000,
    );
    expect(h.fcm.attemptsFor(throttled.tokens[0]!).map((a) => a.status)).toEqual([429, 200]);
    expect(h.fcm.attemptsFor(other.tokens[0]!).map((a) => a.status)).toEqual([200]);
  });
});
