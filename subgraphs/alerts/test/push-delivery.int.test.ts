import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { waitUntil } from '@petcare/service-kit/testing';
import { loadConfig } from '../src/config.ts';
import { buildAlertsService } from '../src/server.ts';
import { enqueuePush, enqueueStoredAlertPushes, type PushRequest } from '../src/modules/push/push-request.ts';
import { createAlerts } from '../src/modules/alert/alert.repository.ts';
import { getDeliveryProgress } from '../src/modules/push/delivery-progress.ts';
import { muteAlertKind } from '../src/modules/push/alert-mute.ts';
import type { PushDelivery } from '../src/modules/push/push-delivery.ts';
import { startPushHarness, type PushHarness } from './support/push-harness.ts';

let h: PushHarness;
let delivery: PushDelivery;

beforeAll(async () => {
  h = await startPushHarness({ retryAfterSeconds: 1 });
  delivery = h.delivery();
  await delivery.background!.start();
});

afterAll(async () => {
  await h?.close();
});

const em = () => h.orm.em.fork();
const notice = (audience: PushRequest['audience'], extra: Partial<PushRequest> = {}): PushRequest => ({
  audience,
  kind: 'NEIGHBORHOOD_NOTICE',
  title: '역삼1동 소식',
  body: '내일 오전 10시 공원에서 반려견 산책 모임이 있어요.',
  data: { neighborhoodCode: '1168064000', eventId: 42 },
  ...extra,
});

async function pushAndWait(request: PushRequest) {
  const { jobId } = await enqueuePush(em(), request);
  await waitUntil(`push job ${jobId} is done`, async () => (await getDeliveryProgress(em(), jobId))?.state === 'DONE', 30_000);
  return { jobId, progress: (await getDeliveryProgress(em(), jobId))! };
}

const receivedFor = (tokens: string[]) => h.fcm.received().filter((m) => tokens.includes(m.token));

describe('pushing an alert to listed users', () => {
  it('stores one alert per user, pushes each device once with that user alert id, and records every outcome', async () => {
    const a = await h.addUser({ devices: 2 });
    const b = await h.addUser({ devices: 1, platform: 'IOS' });
    const { jobId, progress } = await pushAndWait(notice({ userIds: [a.userId, b.userId] }));

    expect(progress).toMatchObject({
      state: 'DONE',
      usersTargeted: 2,
      devicesTargeted: 3,
      sent: 3,
      failed: 0,
      tokensRemoved: 0,
      unknown: 0,
      pending: 0,
    });
    const alerts = await h.sql<{ id: string; user_id: string; title: string; data: unknown }>(
      'select id, user_id, title, data from alert where dedupe_key like ?',
      [`push:${jobId}:%`],
    );
    expect(alerts.map((x) => x.user_id).sort()).toEqual([a.userId, b.userId].sort());
    const alertOf = new Map(alerts.map((x) => [x.user_id, x.id]));

    const got = receivedFor([...a.tokens, ...b.tokens]);
    expect(got).toHaveLength(3);
    // firebase-admin's default transport, as production runs it.
    expect(got.map((m) => m.httpVersion)).toEqual(['2.0', '2.0', '2.0']);
    for (const m of got) {
      const owner = a.tokens.includes(m.token) ? a.userId : b.userId;
      expect(m.alertId).toBe(alertOf.get(owner));
      expect(m.data).toEqual({ neighborhoodCode: '1168064000', eventId: '42', alertId: alertOf.get(owner), kind: 'NEIGHBORHOOD_NOTICE' });
      expect(m.message['notification']).toEqual({ title: '역삼1동 소식', body: '내일 오전 10시 공원에서 반려견 산책 모임이 있어요.' });
      expect(m.message['android']).toMatchObject({
        priority: 'high',
        collapse_key: m.alertId,
        notification: { channel_id: 'alerts', tag: m.alertId },
      });
      expect(m.message['apns']).toMatchObject({
        headers: { 'apns-priority': '10', 'apns-collapse-id': m.alertId },
        payload: { aps: { alert: { title: '역삼1동 소식' }, sound: 'default', 'thread-id': 'NEIGHBORHOOD_NOTICE' } },
      });
    }
    const attempts = await h.sql<{ state: string; message_id: string }>('select state, message_id from push_attempt where job_id = ?', [
      jobId,
    ]);
    expect(attempts).toHaveLength(3);
    expect(attempts.every((x) => x.state === 'sent' && /^projects\/petcare-test\/messages\//.test(x.message_id))).toBe(true);
  });

  it('treats the same request enqueued twice (a redelivered event) as one job and pushes nothing twice', async () => {
    const u = await h.addUser({ devices: 2 });
    const request = notice({ userIds: [u.userId] }, { dedupeKey: `event:${randomUUID()}` });
    const first = await enqueuePush(em(), request);
    const second = await enqueuePush(em(), request);
    expect(second).toEqual({ jobId: first.jobId, created: false });
    await waitUntil('the job is done', async () => (await getDeliveryProgress(em(), first.jobId))?.state === 'DONE', 30_000);
    const third = await enqueuePush(em(), request);
    expect(third).toEqual({ jobId: first.jobId, created: false });
    await new Promise((r) => setTimeout(r, 1000));
    expect(receivedFor(u.tokens)).toHaveLength(2);
    expect(await h.sql('select 1 from alert where user_id = ?', [u.userId])).toHaveLength(1);
  });

  it('skips the devices of users who muted the kind, but still stores their alert', async () => {
    const muted = await h.addUser({ devices: 2 });
    const other = await h.addUser({ devices: 1 });
    await muteAlertKind(em(), muted.userId, 'NEIGHBORHOOD_NOTICE');
    const { progress } = await pushAndWait(notice({ userIds: [muted.userId, other.userId] }));
    expect(progress).toMatchObject({ usersTargeted: 2, usersMuted: 1, devicesTargeted: 1, sent: 1 });
    expect(receivedFor(muted.tokens)).toHaveLength(0);
    expect(receivedFor(other.tokens)).toHaveLength(1);
    expect(await h.sql('select 1 from alert where user_id = ?', [muted.userId])).toHaveLength(1);
    // Another kind still reaches the muted user's phones.
    await pushAndWait(notice({ userIds: [muted.userId] }, { kind: 'SYSTEM' }));
    expect(receivedFor(muted.tokens)).toHaveLength(2);
  });
});

describe('FCM_TRANSPORT=http1', () => {
  it("sends over firebase-admin's legacy HTTP/1.1 transport, with the same outcomes", async () => {
    await delivery.background.stop();
    const legacy = h.delivery({ FCM_TRANSPORT: 'http1' });
    await legacy.background.start();
    try {
      const u = await h.addUser({ devices: 2 });
      const gone = await h.addUser({ devices: 1, tokenPrefix: 'unregistered' });
      const { progress } = await pushAndWait(notice({ userIds: [u.userId, gone.userId] }));
      expect(progress).toMatchObject({ state: 'DONE', devicesTargeted: 3, sent: 2, tokensRemoved: 1, failed: 0 });
      expect(receivedFor(u.tokens).map((m) => m.httpVersion)).toEqual(['1.1', '1.1']);
    } finally {
      await legacy.background.stop();
      delivery = h.delivery();
      await delivery.background.start();
    }
  });
});

describe('pushing alerts already stored', () => {
  it("pushes each user's own alert with its own text, once, as reminders are", async () => {
    const a = await h.addUser({ devices: 1 });
    const b = await h.addUser({ devices: 2 });
    const ids = await createAlerts(em(), [
      { userId: a.userId, kind: 'VERIFICATION_EXPIRING', title: '역삼1동 동네인증이 3일 뒤 만료돼요', body: '다시 인증해 주세요.', data: { neighborhoodCode: '1168064000' } },
      { userId: b.userId, kind: 'VERIFICATION_EXPIRED', title: '사직동 동네인증이 만료됐어요', body: '다시 인증해 주세요.', data: { neighborhoodCode: '1111053000' } },
    ]);
    const job = await enqueueStoredAlertPushes(em(), ids);
    await waitUntil('the stored alerts are pushed', async () => (await getDeliveryProgress(em(), job!.jobId))?.state === 'DONE', 30_000);
    expect(await getDeliveryProgress(em(), job!.jobId)).toMatchObject({ usersTargeted: 2, devicesTargeted: 3, sent: 3, kind: 'PER_ALERT' });
    const titles = (tokens: string[]) => receivedFor(tokens).map((m) => (m.message['notification'] as { title?: string } | undefined)?.title);
    expect(titles(a.tokens)).toEqual(['역삼1동 동네인증이 3일 뒤 만료돼요']);
    expect(titles(b.tokens)).toEqual(['사직동 동네인증이 만료됐어요', '사직동 동네인증이 만료됐어요']);
    // No second alert was made for them: the job pushed the stored ones.
    expect(await h.sql('select count(*)::int as n from alert where user_id = any(?::uuid[])', [`{${a.userId},${b.userId}}`])).toEqual([{ n: 2 }]);
  });
});

describe('a bad request', () => {
  it('is refused naming the field, and writes no job', async () => {
    const u = randomUUID();
    const refused = async (request: PushRequest) => {
      try {
        await enqueuePush(em(), request);
        return null;
      } catch (error) {
        return (error as { extensions?: { code?: string; field?: string } }).extensions;
      }
    };
    const [before] = await h.sql<{ n: number }>('select count(*)::int as n from push_job');
    expect(await refused(notice({ userIds: [] }))).toEqual({ code: 'BAD_USER_INPUT', field: 'audience.userIds' });
    expect(await refused(notice({ userIds: [u, 'not-a-uuid'] }))).toEqual({ code: 'BAD_USER_INPUT', field: 'audience.userIds' });
    expect(await refused(notice({ neighborhoodCode: '11680' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'audience.neighborhoodCode' });
    expect(await refused(notice({ userIds: [u] }, { kind: 'PROMOTION' as never }))).toEqual({ code: 'BAD_USER_INPUT', field: 'kind' });
    expect(await refused(notice({ userIds: [u] }, { title: '  ' }))).toEqual({ code: 'BAD_USER_INPUT', field: 'title' });
    expect(await refused(notice({ userIds: [u] }, { data: { from: 'x' } }))).toEqual({ code: 'BAD_USER_INPUT', field: 'data.from' });
    expect(await refused(notice({ userIds: [u] }, { data: { blob: '가'.repeat(1500) } }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'data',
    });
    const [after] = await h.sql<{ n: number }>('select count(*)::int as n from push_job');
    expect(after!.n).toBe(before!.n);
  });
});

describe('a long Korean notice', () => {
  it('reaches the phone cut to fit FCM 4 KB on a syllable, while the inbox keeps the whole text', async () => {
    const u = await h.addUser({ devices: 2 });
    const body =
      '이번 주말 역삼1동 주민센터 앞 공원에서 반려견 예방접종 행사가 열립니다. 광견병과 종합백신을 무료로 접종해 드려요. '.repeat(40);
    const { jobId } = await pushAndWait(notice({ userIds: [u.userId] }, { body }));
    const got = receivedFor(u.tokens);
    expect(got).toHaveLength(2);
    for (const m of got) {
      expect(m.payloadBytes).toBeLessThanOrEqual(4096);
      const pushed = (m.message['notification'] as { body: string }).body;
      expect(pushed.endsWith('…')).toBe(true);
      expect(body.startsWith(pushed.slice(0, -1))).toBe(true);
      expect(pushed.length).toBeGreaterThan(500);
    }
    const [stored] = await h.sql<{ body: string }>('select body from alert where dedupe_key = ?', [`push:${jobId}:${u.userId}`]);
    expect(stored!.body).toBe(body);
  });
});

describe('pushing to a 행정동', () => {
  it('targets each user whose 동네인증 there is active, once, and nobody else', async () => {
    const code = '1168064000';
    const now = Date.now();
    const verified = [await h.addUser({ devices: 2 }), await h.addUser({ devices: 1 })];
    const expired = await h.addUser();
    const elsewhere = await h.addUser();
    const noDevice = randomUUID();
    const verify = (userId: string, c: string, expiresInMs: number) =>
      h.sql('insert into verification_copy (user_id, neighborhood_code, verified_at, expires_at) values (?, ?, ?, ?)', [
        userId,
        c,
        new Date(now - 86_400_000),
        new Date(now + expiresInMs),
      ]);
    for (const u of verified) await verify(u.userId, code, 86_400_000);
    await verify(noDevice, code, 86_400_000);
    await verify(expired.userId, code, -60_000);
    await verify(elsewhere.userId, '1168065000', 86_400_000);

    const { jobId, progress } = await pushAndWait(notice({ neighborhoodCode: code }));
    expect(progress).toMatchObject({ usersTargeted: 3, devicesTargeted: 3, sent: 3 });
    const inbox = await h.sql<{ user_id: string }>('select user_id from alert where dedupe_key like ?', [`push:${jobId}:%`]);
    expect(inbox.map((r) => r.user_id).sort()).toEqual([...verified.map((u) => u.userId), noDevice].sort());
    expect(receivedFor(verified.flatMap((u) => u.tokens))).toHaveLength(3);
    expect(receivedFor([...expired.tokens, ...elsewhere.tokens])).toHaveLength(0);
  });
});

describe('the service without and with a key file', () => {
  async function health(env: Record<string, string | undefined>) {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const service = await buildAlertsService(loadConfig({ ...h.env, LOG_LEVEL: 'info', ...env }), log);
    try {
      const url = await service.server.listen(0);
      const body = await (await fetch(new URL('/health', url))).json();
      return {
        body,
        warnings: lines
          .map((l) => JSON.parse(l))
          .filter((l) => l.level === 40)
          .map((l) => l.msg as string),
      };
    } finally {
      await service.close();
    }
  }

  it('starts without FCM_SERVICE_ACCOUNT_FILE, says once at start and in /health that pushes are off', async () => {
    const { body, warnings } = await health({ FCM_SERVICE_ACCOUNT_FILE: undefined });
    expect(body).toMatchObject({
      status: 'ok',
      push: { pushes: 'off', reason: expect.stringContaining('FCM_SERVICE_ACCOUNT_FILE is not set') },
    });
    expect(warnings.filter((m) => m.includes('PUSHES ARE OFF'))).toHaveLength(1);
  });

  it('with a key file, /health names the Firebase project it pushes to', async () => {
    const { body } = await health({});
    expect(body).toMatchObject({ status: 'ok', push: { pushes: 'on', projectId: 'petcare-test' } });
  });
});
