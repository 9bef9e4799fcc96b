import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSubgraph, waitUntil, type TestSubgraph } from '@petcare/service-kit/testing';
import { loadConfig } from '../src/config.ts';
import { buildAlertsService, type AlertsService } from '../src/server.ts';

// An operator's alert through the alerts subgraph, on a service without FCM credentials (as on a developer's
// machine): the inbox part of every delivery still runs, and says nothing was pushed.
let alerts: TestSubgraph<AlertsService>;
const operator = randomUUID();
const SEND = `mutation ($input: SendAlertInput!) { sendAlert(input: $input) { id state usersTargeted pushesOff } }`;
const DELIVERY = `query ($id: ID!) { alertDelivery(id: $id) { id state usersTargeted devicesTargeted sent pushesOff finishedAt } }`;
const send = (input: Record<string, unknown>, roles: ('OPERATOR')[] = ['OPERATOR'], caller: string | null = operator) => alerts.call(SEND, { input }, caller, roles);

/** Users verified in 역삼1동 (one of them also elsewhere), and one whose 동네인증 has lapsed. */
async function neighbours(): Promise<{ active: string[]; lapsed: string }> {
  const active = [randomUUID(), randomUUID(), randomUUID()];
  const lapsed = randomUUID();
  for (const id of active) {
    await alerts.sql("insert into verification_copy (user_id, neighborhood_code, verified_at, expires_at) values (?, '1168064000', now(), now() + interval '30 days')", [id]);
  }
  await alerts.sql("insert into verification_copy (user_id, neighborhood_code, verified_at, expires_at) values (?, '1111053000', now(), now() + interval '30 days')", [active[0]]);
  await alerts.sql("insert into verification_copy (user_id, neighborhood_code, verified_at, expires_at) values (?, '1168064000', now() - interval '31 days', now() - interval '1 day')", [lapsed]);
  await alerts.sql("insert into device_copy (id, user_id, token, platform) values (?, ?, 'fcm-neighbour', 'ANDROID')", [randomUUID(), active[0]]);
  return { active, lapsed };
}

beforeAll(async () => {
  alerts = await startTestSubgraph('operator_alerts', (env, log) => buildAlertsService(loadConfig(env), log));
  await alerts.service.startBackground();
});
afterAll(() => alerts?.close());

describe("an operator's alert", () => {
  it('returns at once, then stores the alert for everyone verified in the 행정동 right now, saying nothing was pushed', async () => {
    const { active, lapsed } = await neighbours();
    const res = await send({ neighborhoodCode: '1168064000', title: '역삼1동 반려견 산책 모임', body: '토요일 오전 10시, 역삼공원에서 만나요.' });
    expect(res.errors).toBeUndefined();
    const id: string = res.data.sendAlert.id;
    expect(['PENDING', 'RUNNING', 'DONE']).toContain(res.data.sendAlert.state);
    await waitUntil('the delivery is done', async () => (await alerts.call(DELIVERY, { id }, operator, ['OPERATOR'])).data.alertDelivery.state === 'DONE', 30_000);
    const done = (await alerts.call(DELIVERY, { id }, operator, ['OPERATOR'])).data.alertDelivery;
    expect(done).toMatchObject({ id, usersTargeted: 3, devicesTargeted: 0, sent: 0, pushesOff: true });
    const stored = await alerts.sql<{ user_id: string }>("select user_id from alert where title = '역삼1동 반려견 산책 모임' order by user_id");
    expect(stored.map((r) => r.user_id)).toEqual([...active].sort());
    expect(stored.map((r) => r.user_id)).not.toContain(lapsed);
  });

  it('sends nothing twice for a retried request with the same idempotency key', async () => {
    const user = randomUUID();
    const input = { userIds: [user], title: '점검 안내', body: '오늘 밤 2시부터 30분 동안 점검해요.', kind: 'SYSTEM', idempotencyKey: 'maintenance-2026-12-01' };
    const first = (await send(input)).data.sendAlert.id;
    const again = (await send(input)).data.sendAlert.id;
    expect(again).toBe(first);
    await waitUntil('stored', async () => (await alerts.sql('select 1 from alert where user_id = ?', [user])).length === 1, 30_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(await alerts.sql('select 1 from alert where user_id = ?', [user])).toHaveLength(1);
  });

  it('is for operators only, and names the field of a bad request, storing nothing', async () => {
    const plain = await send({ neighborhoodCode: '1168064000', title: 'x', body: 'y' }, [], randomUUID());
    expect(plain.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await send({ neighborhoodCode: '1168064000', title: 'x', body: 'y' }, [], null)).errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    const cases: [Record<string, unknown>, string][] = [
      [{ title: 'x', body: 'y' }, 'input.userIds'],
      [{ userIds: [randomUUID()], neighborhoodCode: '1168064000', title: 'x', body: 'y' }, 'input.userIds'],
      [{ userIds: ['not-a-user'], title: 'x', body: 'y' }, 'input.userIds'],
      [{ neighborhoodCode: '역삼1동', title: 'x', body: 'y' }, 'input.neighborhoodCode'],
      [{ neighborhoodCode: '1168064000', title: '   ', body: 'y' }, 'input.title'],
      [{ neighborhoodCode: '1168064000', title: 'x'.repeat(101), body: 'y' }, 'input.title'],
      [{ neighborhoodCode: '1168064000', title: 'a\u0000b', body: 'y' }, 'input.title'],
      [{ neighborhoodCode: '1168064000', title: 'x', body: '\u202Eevil' }, 'input.body'],
    ];
    const before = await alerts.sql('select count(*)::int as n from push_job');
    for (const [input, field] of cases) {
      expect((await send(input)).errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await alerts.sql('select count(*)::int as n from push_job')).toEqual(before);
    const delivery = await alerts.call(DELIVERY, { id: 'nope' }, operator, ['OPERATOR']);
    expect(delivery.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});

describe('muting a kind', () => {
  it('keeps the inbox but lists the kind as muted, only for the user themself', async () => {
    const user = randomUUID();
    const MUTE = `mutation ($kind: AlertKind!) { muteAlertKind(kind: $kind) }`;
    const UNMUTE = `mutation ($kind: AlertKind!) { unmuteAlertKind(kind: $kind) }`;
    expect((await alerts.call(MUTE, { kind: 'HOSPITAL_UPDATE' }, user)).data.muteAlertKind).toEqual(['HOSPITAL_UPDATE']);
    expect((await alerts.call(MUTE, { kind: 'HOSPITAL_UPDATE' }, user)).data.muteAlertKind).toEqual(['HOSPITAL_UPDATE']);
    expect((await alerts.call(MUTE, { kind: 'NEIGHBORHOOD_NOTICE' }, user)).data.muteAlertKind).toEqual(['HOSPITAL_UPDATE', 'NEIGHBORHOOD_NOTICE']);
    expect((await alerts.call(UNMUTE, { kind: 'HOSPITAL_UPDATE' }, user)).data.unmuteAlertKind).toEqual(['NEIGHBORHOOD_NOTICE']);
    const q = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { mutedAlertKinds } } }`;
    expect((await alerts.call(q, { r: [{ __typename: 'User', id: user }] }, user)).data._entities[0].mutedAlertKinds).toEqual(['NEIGHBORHOOD_NOTICE']);
    expect((await alerts.call(q, { r: [{ __typename: 'User', id: user }] }, randomUUID())).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});
