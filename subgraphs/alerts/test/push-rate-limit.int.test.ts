import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitUntil } from '@petcare/service-kit/testing';
import { enqueuePush } from '../src/modules/push/push-request.ts';
import { getDeliveryProgress } from '../src/modules/push/delivery-progress.ts';
import { startPushHarness, type PushHarness } from './support/push-harness.ts';

const QUOTA = 600;
const DEVICES = 800;
let h: PushHarness;

beforeAll(async () => {
  // The local FCM enforces 600 messages per sliding minute and answers 429 past it.
  h = await startPushHarness({ quotaPerMinute: QUOTA });
  await h.sql(
    `insert into device_copy (id, user_id, token, platform)
               select gen_random_uuid(), gen_random_uuid(), 'paced-' || n, 'ANDROID' from generate_series(1, ?) n`,
    [DEVICES],
  );
});

afterAll(async () => {
  await h?.close();
});

it('keeps two workers together under a 600/min quota without a single 429', async () => {
  const users = (await h.sql<{ user_id: string }>('select user_id from device_copy')).map((r) => r.user_id);
  const { jobId } = await enqueuePush(h.orm.em.fork(), {
    audience: { userIds: users.slice(0, DEVICES / 2) },
    kind: 'SYSTEM',
    title: '공지',
    body: '본문',
  });
  const second = await enqueuePush(h.orm.em.fork(), {
    audience: { userIds: users.slice(DEVICES / 2) },
    kind: 'SYSTEM',
    title: '공지',
    body: '본문',
  });
  // Two workers (as two instances would be), one limit: the row in PostgreSQL.
  for (let i = 0; i < 2; i++) await h.delivery({ FCM_MESSAGES_PER_MINUTE: String(QUOTA) }).background!.start();

  const done = async (id: string) => (await getDeliveryProgress(h.orm.em.fork(), id))?.state === 'DONE';
  await waitUntil('both jobs are done', async () => (await done(jobId)) && (await done(second.jobId)), 150_000);

  const summary = h.fcm.summary();
  expect(summary.byStatus['429']).toBeUndefined();
  expect(summary.accepted).toBe(DEVICES);
  expect(summary.duplicates).toBe(0);
  // More than a minute's quota went out, so the pacing, not luck, kept it under.
  const times = h.fcm
    .received()
    .map((m) => m.at)
    .sort((a, b) => a - b);
  expect(times.at(-1)! - times[0]!).toBeGreaterThan(60_000);
  let maxInAnyMinute = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= 60_000) j++;
    maxInAnyMinute = Math.max(maxInAnyMinute, i - j + 1);
  }
  expect(maxInAnyMinute).toBeLessThanOrEqual(QUOTA);
}, 180_000);
