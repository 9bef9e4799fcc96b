import { randomBytes, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSubgraph, waitUntil, type TestSubgraph } from '@petcare/service-kit/testing';
import { registerTestConnector, removeTestConnector, testBrokers } from '@petcare/cdc/connect';
import { loadConfig as neighborhoodsConfig } from '@petcare/neighborhoods/config';
import { buildNeighborhoodsService, type NeighborhoodsService } from '@petcare/neighborhoods/server';
import { importBoundaryFile } from '@petcare/neighborhoods/boundaries';
import { loadConfig as alertsConfig } from '@petcare/alerts/config';
import { buildAlertsService, type AlertsService } from '@petcare/alerts/server';
import { startTimersInstance, type TimersInstance } from '@petcare/verification-timers/testing';

// A point inside 역삼1동 (1168064000), near Yeoksam station.
const YEOKSAM_1 = { latitude: 37.5006, longitude: 127.0364 };

// The 동네인증 lifecycle on the real path: the neighborhoods database → Debezium → Kafka → the verification-timers
// Streams app → Kafka → the alerts service's consumer → an alert row. Expiries are moved a few seconds ahead in
// SQL, as a 30-day-old 동네인증 would stand on its last day.
const ns = `vl${randomBytes(3).toString('hex')}_`;
const connector = `${ns}neighborhoods-cdc`.replace(/_/g, '-');
const boundaries = resolve(process.env['DATA_DIR'] ?? resolve(import.meta.dirname, '../../../shared/data'), 'boundaries/seoul-hangjeongdong-2021-04.geojson');
const cdcEnv = { KAFKA_BROKERS: testBrokers.join(','), CDC_TOPIC_NAMESPACE: ns };
const sajik = { latitude: 37.5733, longitude: 126.9688 };
const VERIFY = `mutation ($lat: Latitude!, $lng: Longitude!) { verifyNeighborhood(latitude: $lat, longitude: $lng) { expiresAt } }`;

let neighborhoods: TestSubgraph<NeighborhoodsService>;
let alerts: TestSubgraph<AlertsService>;
let timers: TimersInstance;

const verify = (userId: string, at: { latitude: number; longitude: number } = YEOKSAM_1) =>
  neighborhoods.call(VERIFY, { lat: at.latitude, lng: at.longitude }, userId);
/** Moves a user's 동네인증 to lapse `seconds` from now, as if it was verified 30 days ago. */
const lapseIn = (userId: string, seconds: number) =>
  neighborhoods.sql(
    `update neighborhood_verification set verified_at = now() - interval '30 days', expires_at = now() + make_interval(secs => ?)
      where user_id = ? and neighborhood_code = '1168064000'`,
    [seconds, userId],
  );
const alertsOf = (userId: string) => alerts.sql<{ kind: string; title: string; created_at: Date }>('select kind, title, created_at from alert where user_id = ? order by created_at', [userId]);

beforeAll(async () => {
  neighborhoods = await startTestSubgraph('vlnbh', (env, log) => buildNeighborhoodsService(neighborhoodsConfig(env), log), cdcEnv);
  await importBoundaryFile(neighborhoods.service.orm.em.fork(), boundaries);
  alerts = await startTestSubgraph('vlalerts', (env, log) => buildAlertsService(alertsConfig(env), log), cdcEnv);
  await registerTestConnector({
    name: connector,
    template: 'neighborhoods-cdc',
    database: neighborhoodsDatabase(),
    topicPrefix: `${ns}neighborhoods`,
  });
  timers = await startTimersInstance('lifecycle', { ...cdcEnv, TIMERS_STANDBY_REPLICAS: '0' });
  await waitUntil('the Streams app runs', async () => (await timers.health())?.state === 'RUNNING', 120_000);
  await alerts.service.startBackground();
}, 300_000);

afterAll(async () => {
  await timers?.stop();
  await alerts?.close();
  await removeTestConnector(connector, adminUrl());
  await neighborhoods?.close();
});

function neighborhoodsDatabase(): string {
  return new URL(neighborhoods.service.orm.config.get('clientUrl')!).pathname.slice(1);
}
function adminUrl(): string {
  return new URL('/postgres', neighborhoods.service.orm.config.get('clientUrl')!).toString();
}

describe('동네인증 reminders, fired by the Streams app on the real path', () => {
  it('reminds three days ahead and tells when it has lapsed, naming the 동네, once each', async () => {
    const userId = randomUUID();
    expect((await verify(userId)).errors).toBeUndefined();
    await lapseIn(userId, 8);
    await waitUntil('the lapse', async () => (await alertsOf(userId)).some((a) => a.kind === 'VERIFICATION_EXPIRED'), 60_000);
    const got = await alertsOf(userId);
    expect(got.map((a) => a.kind)).toEqual(['VERIFICATION_EXPIRING', 'VERIFICATION_EXPIRED']);
    expect(got[0]!.title).toContain('역삼1동');
    expect(got[1]!.title).toBe('역삼1동 동네인증이 만료됐어요');
    // The 동네 stops counting as verified here too: alerts no longer targets the user in 역삼1동.
    const targeted = await alerts.sql(`select 1 from verification_copy where user_id = ? and expires_at > now()`, [userId]);
    expect(targeted).toEqual([]);
  }, 90_000);

  it('cancels both when the user verifies again in time, or gives the 동네 up', async () => {
    const renewing = randomUUID();
    const leaving = randomUUID();
    const keeping = randomUUID();
    for (const id of [renewing, leaving, keeping]) await verify(id);
    await verify(leaving, sajik);
    for (const id of [renewing, leaving, keeping]) await lapseIn(id, 10);
    // All three get the "expiring" reminder at once (the lapse is within three days)…
    await waitUntil('three reminders', async () => (await Promise.all([renewing, leaving, keeping].map(alertsOf))).every((a) => a.length === 1), 60_000);
    // …then one renews and one gives the 동네 up before it lapses.
    expect((await verify(renewing)).errors).toBeUndefined();
    const REMOVE = `mutation { removeNeighborhoodVerification(code: "1168064000") { neighborhood { code } } }`;
    expect((await neighborhoods.call(REMOVE, {}, leaving)).errors).toBeUndefined();
    await waitUntil('the third lapses', async () => (await alertsOf(keeping)).length === 2, 60_000);
    await new Promise((r) => setTimeout(r, 3_000));
    expect((await alertsOf(renewing)).map((a) => a.kind)).toEqual(['VERIFICATION_EXPIRING']);
    expect((await alertsOf(leaving)).map((a) => a.kind)).toEqual(['VERIFICATION_EXPIRING']);
  }, 120_000);
});
