import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitUntil } from '@petcare/service-kit/testing';
import { enqueuePush } from '../src/modules/push/push-request.ts';
import { getDeliveryProgress } from '../src/modules/push/delivery-progress.ts';
import { startPushHarness, type PushHarness } from './support/push-harness.ts';

const CODE = '1168064000';
const DEVICES = 5000;
const BATCH = 100;
const LANES = 2;
let h: PushHarness;

beforeAll(async () => {
  h = await startPushHarness({ latencyMs: 20 });
  // 2,500 users verified in one 행정동, two devices each.
  await h.sql(
    `insert into verification_copy (user_id, neighborhood_code, verified_at, expires_at)
               select gen_random_uuid(), ?, now(), now() + interval '30 days' from generate_series(1, ?)`,
    [CODE, DEVICES / 2],
  );
  await h.sql(`insert into device_copy (id, user_id, token, platform)
               select gen_random_uuid(), v.user_id, 'crash-' || n || '-' || v.user_id, case when n = 1 then 'ANDROID' else 'IOS' end
                 from verification_copy v, generate_series(1, 2) n`);
});

afterAll(async () => {
  await h?.close();
});

it('resumes a fan-out whose worker was SIGKILLed midway: no device gets two pushes, none that was not in flight is lost', async () => {
  const { jobId } = await enqueuePush(h.orm.em.fork(), {
    audience: { neighborhoodCode: CODE },
    kind: 'NEIGHBORHOOD_NOTICE',
    title: '역삼1동 긴급 공지',
    body: '오늘 오후 단수 예정입니다.',
  });

  const caFile = join(mkdtempSync(join(tmpdir(), 'local-fcm-')), 'ca.pem');
  writeFileSync(caFile, h.fcm.ca);
  // Slow on purpose (16 connections × 20 ms), so the kill lands in the middle of the fan-out.
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./support/push-worker-process.ts', import.meta.url))], {
    env: {
      ...process.env,
      ...h.env,
      FCM_CONCURRENCY: '16',
      FCM_BATCH_SIZE: String(BATCH),
      FCM_LANES: String(LANES),
      PUSH_LEASE_SECONDS: '3',
      LOCAL_FCM_PORT: String(h.fcm.port),
      LOCAL_FCM_HTTP2_PORT: String(h.fcm.http2Port),
      LOCAL_FCM_CA_FILE: caFile,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  await waitUntil('a third of the devices got their push', async () => h.fcm.received().length >= DEVICES / 3, 60_000);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  const receivedAtCrash = h.fcm.received().length;
  const [atCrash] = await h.sql<{ in_flight: number; sent: number }>(
    `select count(*) filter (where state = 'in_flight')::int as in_flight, count(*) filter (where state = 'sent')::int as sent from push_attempt where job_id = ?`,
    [jobId],
  );
  expect(receivedAtCrash).toBeLessThan(DEVICES);
  // Two lanes are nearly always mid-batch: the kill leaves sends whose fate the database cannot know —
  // per lane, the batch on the wire and the one whose outcomes were being recorded.
  expect(atCrash!.in_flight).toBeGreaterThan(0);
  expect(atCrash!.in_flight).toBeLessThanOrEqual(2 * BATCH * LANES);

  // A second worker takes the job over once the dead one's lease has run out.
  const takeover = h.delivery({ PUSH_LEASE_SECONDS: '3' });
  await takeover.background!.start();
  await waitUntil('the job is done', async () => (await getDeliveryProgress(h.orm.em.fork(), jobId))?.state === 'DONE', 90_000);
  await takeover.background!.stop();

  const progress = (await getDeliveryProgress(h.orm.em.fork(), jobId))!;
  expect(progress).toMatchObject({
    usersTargeted: DEVICES / 2,
    devicesTargeted: DEVICES,
    failed: 0,
    tokensRemoved: 0,
    pending: 0,
    unknown: atCrash!.in_flight,
  });
  expect(progress.sent + progress.unknown).toBe(DEVICES);

  const attempts = await h.sql<{ token: string; state: string }>('select token, state from push_attempt where job_id = ?', [jobId]);
  expect(attempts).toHaveLength(DEVICES);
  const perToken = new Map<string, number>();
  for (const m of h.fcm.received()) perToken.set(m.token, (perToken.get(m.token) ?? 0) + 1);
  // At most once: nobody got two.
  expect([...perToken.values()].every((n) => n === 1)).toBe(true);
  expect(h.fcm.summary().duplicates).toBe(0);
  // Nothing lost: every device not in flight at the crash got exactly its one push.
  const missing = attempts.filter((a) => a.state === 'sent' && perToken.get(a.token) !== 1);
  expect(missing).toEqual([]);
  expect(attempts.filter((a) => a.state !== 'sent' && a.state !== 'unknown')).toEqual([]);
}, 180_000);

it('hands a job over on a graceful stop mid fan-out: nothing unknown, nothing twice, nothing lost', async () => {
  const { jobId } = await enqueuePush(h.orm.em.fork(), {
    audience: { neighborhoodCode: CODE },
    kind: 'SYSTEM',
    title: '서비스 점검',
    body: '오늘 밤 점검이 있어요.',
  });
  const alertIds = async () =>
    new Set((await h.sql<{ id: string }>('select id from alert where dedupe_key like ?', [`push:${jobId}:%`])).map((r) => r.id));
  const slow = { FCM_CONCURRENCY: '16', FCM_BATCH_SIZE: String(BATCH), FCM_LANES: String(LANES) };
  const first = h.delivery(slow);
  await first.background!.start();
  await waitUntil('a third of the devices got this push', async () => {
    const ids = await alertIds();
    return h.fcm.received().filter((m) => ids.has(m.alertId!)).length >= DEVICES / 3;
  });
  await first.background!.stop();
  const [stopped] = await h.sql<{ lease_owner: string | null; in_flight: number }>(
    `select lease_owner, (select count(*) from push_attempt where job_id = j.id and state = 'in_flight')::int as in_flight from push_job j where id = ?`,
    [jobId],
  );
  // Batches in flight were finished and recorded, and the job was given back at once.
  expect(stopped).toEqual({ lease_owner: null, in_flight: 0 });

  const second = h.delivery(slow);
  await second.background!.start();
  await waitUntil('the job is done', async () => (await getDeliveryProgress(h.orm.em.fork(), jobId))?.state === 'DONE', 90_000);
  await second.background!.stop();
  expect(await getDeliveryProgress(h.orm.em.fork(), jobId)).toMatchObject({
    devicesTargeted: DEVICES,
    sent: DEVICES,
    unknown: 0,
    pending: 0,
  });
  const ids = await alertIds();
  const mine = h.fcm.received().filter((m) => ids.has(m.alertId!));
  expect(mine).toHaveLength(DEVICES);
  expect(new Set(mine.map((m) => m.token)).size).toBe(DEVICES);
}, 180_000);
