import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import { Kind, parse, print, type ConstDirectiveNode, type DefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';
import { DEMO_ACCOUNT } from '@petcare/service-kit/development';
import { gatewaySignedRequest } from '@petcare/service-kit/testing';
import { repoRoot } from '../scripts/stack/stack-layout.ts';
import { operationSource, startE2eStack, type E2eStack } from './stack-fixture.ts';

// The system as the mobile app uses it: the four subgraphs, the gateway, real data, real CDC, and
// only the operations the app ships (schema/operations), sent over HTTP to the one endpoint.
// Then each subgraph's contract, checked on the same running stack.
let e2e: E2eStack;
// A point inside 역삼1동 (near Yeoksam station).
const yeoksam1 = { latitude: 37.5006, longitude: 127.0364 };

async function eventually<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}: last ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 250));
    value = await read();
  }
  return value;
}

beforeAll(async () => {
  // E2E_BASE_PORT lets two checkouts on one machine run their e2e tests side by side.
  e2e = await startE2eStack(Number(process.env['E2E_BASE_PORT'] ?? 14_000));
}, 300_000);

afterAll(async () => {
  await e2e?.stop();
}, 120_000);

describe('the mobile app against the whole stack', () => {
  it('signs up, verifies a neighbourhood and shows the home screen from all four subgraphs', async () => {
    const signUp = await e2e.op('sign-up', { input: { email: 'e2e-mina@example.com', password: 'correct horse battery', displayName: '미나' } });
    expect(signUp.errors).toBeUndefined();
    const token: string = signUp.data.signUp.token;
    const signIn = await e2e.op('sign-in', { input: { email: 'E2E-MINA@example.com', password: 'correct horse battery' } });
    expect(signIn.data.signIn.user.id).toBe(signUp.data.signUp.user.id);

    const device = await e2e.op('register-device', { input: { token: 'fcm-e2e-mina', platform: 'ANDROID' } }, token);
    expect(device.data.registerDevice.token).toBe('fcm-e2e-mina');

    const here = await e2e.op('neighborhood-at', yeoksam1);
    expect(here.data.neighborhoodAt).toMatchObject({ code: '1168064000', name: '역삼1동', district: '강남구' });
    // Standing at the door of 24시SNC동물메디컬센터 (논현로 416, a 24-hour licence in the 2023-07 file).
    const atHospital = { latitude: 37.49742, longitude: 127.03892 };
    const verified = await e2e.op('verify-neighborhood', atHospital, token);
    expect(verified.errors).toBeUndefined();
    const code = verified.data.verifyNeighborhood.neighborhood.code;
    expect(verified.data.verifyNeighborhood).toMatchObject({ status: 'ACTIVE', isPrimary: true, neighborhood: { fullName: expect.stringMatching(/^서울특별시 강남구 /) } });

    // The welcome alert arrives through CDC (users → Kafka → alerts), not through any call; so do the 행정동
    // boundaries the hospitals service tags its hospitals with (neighborhoods → Kafka → hospitals).
    const home = await eventually(
      'the welcome alert reaches the badge, and the 행정동 its hospitals',
      () => e2e.op('home-screen', {}, token),
      (r) => r.data?.me?.unreadAlertCount === 1 && r.data.me.neighborhood?.hospitals?.length > 0,
    );
    expect(home.errors).toBeUndefined();
    expect(home.data.me.displayName).toBe('미나');
    expect(home.data.me.neighborhood.code).toBe(code);
    expect(home.data.me.neighborhood.hospitals.map((h: { name: string }) => h.name)).toContain('24시SNC동물메디컬센터');

    const me = await e2e.op('me', {}, token);
    expect(me.data.me.devices).toEqual([expect.objectContaining({ token: 'fcm-e2e-mina', platform: 'ANDROID' })]);
    expect(me.data.me.neighborhood).toMatchObject({ code, district: '강남구' });
    expect(me.data.me.neighborhoodVerification.status).toBe('ACTIVE');
  });

  it('keeps two 동네 with a primary one, refuses a third, and lets the user give one up', async () => {
    const signUp = await e2e.op('sign-up', { input: { email: 'e2e-two@example.com', password: 'correct horse battery', displayName: '두동네' } });
    const token: string = signUp.data.signUp.token;
    const gangnam = await e2e.op('verify-neighborhood', { ...yeoksam1, accuracyMeters: 15 }, token);
    expect(gangnam.data.verifyNeighborhood).toMatchObject({ isPrimary: true, status: 'ACTIVE', neighborhood: { code: '1168064000' } });
    const jongno = await e2e.op('verify-neighborhood', { latitude: 37.5733, longitude: 126.9688, accuracyMeters: 20 }, token);
    expect(jongno.data.verifyNeighborhood).toMatchObject({ isPrimary: false, neighborhood: { code: '1111053000' } });
    const third = await e2e.op('verify-neighborhood', { latitude: 37.5133, longitude: 127.1001 }, token);
    expect(third.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'latitude' });
    expect(third.errors?.[0]?.extensions?.['current'].map((c: { code: string }) => c.code)).toEqual(['1168064000', '1111053000']);

    const mine = await e2e.op('my-neighborhoods', {}, token);
    expect(mine.data.me.neighborhoods.map((v: { neighborhood: { code: string } }) => v.neighborhood.code)).toEqual(['1168064000', '1111053000']);
    expect(mine.data.me.neighborhoods[0].neighborhood.verifiedUserCount).toBeGreaterThanOrEqual(1);

    expect((await e2e.op('set-primary-neighborhood', { code: '1111053000' }, token)).data.setPrimaryNeighborhood.isPrimary).toBe(true);
    expect((await e2e.op('me', {}, token)).data.me.neighborhood.code).toBe('1111053000');
    const left = await e2e.op('remove-neighborhood-verification', { code: '1111053000' }, token);
    expect(left.data.removeNeighborhoodVerification).toEqual([expect.objectContaining({ isPrimary: true, neighborhood: { code: '1168064000', name: '역삼1동' } })]);
    const missing = await e2e.op('remove-neighborhood-verification', { code: '1111053000' }, token);
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'code' });
  });

  it("streams an operator's alert live to the open app, with its 행정동 from another subgraph", async () => {
    const signUp = async (email: string) => (await e2e.op('sign-up', { input: { email, password: 'correct horse battery', displayName: '라이브' } })).data.signUp;
    const operator = await signUp('e2e-operator@example.com');
    await e2e.sql('users', "update app_user set roles = '{OPERATOR}' where id = $1", [operator.user.id]);
    const operatorToken: string = (await e2e.op('sign-in', { input: { email: 'e2e-operator@example.com', password: 'correct horse battery' } })).data.signIn.token;
    const listener = await signUp('e2e-live@example.com');

    const received: any[] = [];
    const client = createClient({
      url: e2e.stack.gatewayUrl.replace(/^http/, 'ws'),
      connectionParams: { Authorization: `Bearer ${listener.token}` },
      webSocketImpl: WebSocket,
    });
    const query = operationSource('alert-added');
    const unsubscribe = client.subscribe({ query, variables: {} }, { next: (m) => received.push(m), error: (e) => received.push({ error: e }), complete: () => undefined });
    try {
      await new Promise((r) => setTimeout(r, 2_000));
      const input = { userIds: [listener.user.id], title: '역삼1동 반려견 산책 모임', body: '토요일 오전 10시, 역삼공원에서 만나요.', data: { neighborhoodCode: '1168064000' } };
      const sent = await e2e.op('send-alert', { input }, operatorToken);
      expect(sent.errors).toBeUndefined();
      const live = await eventually('the alert reaches the open app', async () => received, (r) => r.some((m) => m.data?.alertAdded?.title === input.title));
      const alert = live.find((m) => m.data?.alertAdded?.title === input.title).data.alertAdded;
      expect(alert).toMatchObject({ kind: 'NEIGHBORHOOD_NOTICE', neighborhood: { code: '1168064000', name: '역삼1동' }, hospital: null, isRead: false });
      expect(received.filter((m) => m.error)).toEqual([]);
      const delivery = await eventually('the delivery is done', () => e2e.op('alert-delivery', { id: sent.data.sendAlert.id }, operatorToken), (r) => r.data?.alertDelivery?.state === 'DONE');
      expect(delivery.data.alertDelivery).toMatchObject({ usersTargeted: 1, pushesOff: true });
      // A plain user may not send.
      expect((await e2e.op('send-alert', { input }, listener.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      unsubscribe();
      await client.dispose();
    }
  });

  it('reads and marks alerts', async () => {
    const signIn = await e2e.op('sign-in', { input: { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password } });
    const token: string = signIn.data.signIn.token;
    const unread = await e2e.op('alerts', { first: 10, unreadOnly: true }, token);
    expect(unread.data.alerts.nodes.length).toBeGreaterThan(0);
    const first = unread.data.alerts.nodes[0];
    const marked = await e2e.op('mark-alert-read', { id: first.id }, token);
    expect(marked.data.markAlertRead).toMatchObject({ id: first.id, isRead: true });
    const all = await e2e.op('mark-all-alerts-read', {}, token);
    expect(all.data.markAllAlertsRead).toBe(unread.data.alerts.nodes.length - 1);
    expect((await e2e.op('home-screen', {}, token)).data.me.unreadAlertCount).toBe(0);
  });

  it('shows the demo account a home screen with its 동네 and the open 24-hour hospitals there', async () => {
    const signIn = await e2e.op('sign-in', { input: { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password } });
    const token: string = signIn.data.signIn.token;
    // The hospitals learn the 행정동 boundaries through CDC after the stack starts.
    const home = await eventually(
      "the demo's 동네 lists hospitals",
      () => e2e.op('home-screen', {}, token),
      (r) => (r.data?.me?.neighborhood?.hospitals?.length ?? 0) > 0,
    );
    expect(home.data.me.neighborhood).toMatchObject({ code: DEMO_ACCOUNT.neighborhoodCode, name: '역삼2동', district: '강남구' });
    expect(home.data.me.neighborhood.hospitals.map((h: { name: string }) => h.name).sort()).toEqual(['24시OK동물병원', '24시SNC동물메디컬센터']);
  });

  it('finds 24-hour hospitals near a point and opens one', async () => {
    const near = await e2e.op('hospitals-near', { latitude: 37.4979, longitude: 127.0276, radiusMeters: 5000, first: 5, open24HoursOnly: true });
    expect(near.errors).toBeUndefined();
    const distances = near.data.hospitalsNear.map((n: any) => n.distanceMeters);
    expect(distances.length).toBeGreaterThan(0);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    for (const n of near.data.hospitalsNear) expect(n.hospital.open24Hours).toBe(true);
    const detail = await e2e.op('hospital', { id: near.data.hospitalsNear[0].hospital.id });
    expect(detail.data.hospital.name).toBe(near.data.hospitalsNear[0].hospital.name);
  });

  it('answers bad input with a code and the field, and writes nothing', async () => {
    const short = await e2e.op('sign-up', { input: { email: 'short@example.com', password: 'short', displayName: 'x' } });
    expect(short.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.password' });
    const badEmail = await e2e.op('sign-up', { input: { email: 'not-an-email', password: 'long enough pw', displayName: 'x' } });
    expect(badEmail.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const dup = await e2e.op('sign-up', { input: { email: DEMO_ACCOUNT.email, password: 'long enough pw', displayName: 'x' } });
    expect(dup.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.email' });
    const outside = await e2e.op('neighborhood-at', { latitude: 35.68, longitude: 139.76 });
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'longitude' });
    const notNumber = await e2e.op('neighborhood-at', { latitude: 'north', longitude: 127 });
    expect(notNumber.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await e2e.sql('users', "select count(*)::int as n from app_user where email in ('short@example.com', 'not-an-email')")).toEqual([{ n: 0 }]);
  });

  it('deletes an account and erases it from every service', async () => {
    const signUp = await e2e.op('sign-up', { input: { email: 'e2e-leaving@example.com', password: 'long enough pw', displayName: '떠나요' } });
    const { token, user } = signUp.data.signUp;
    await e2e.op('register-device', { input: { token: 'fcm-e2e-leaving', platform: 'IOS' } }, token);
    await e2e.op('verify-neighborhood', DEMO_ACCOUNT.location, token);
    await eventually('copied to alerts', () => e2e.sql('alerts', 'select 1 from device_copy where user_id = $1', [user.id]), (r) => r.length === 1);

    expect((await e2e.op('delete-account', {}, token)).data.deleteAccount).toBe(true);
    const me = await e2e.op('me', {}, token);
    expect(me.data?.me ?? null).toBeNull();
    await eventually(
      'erased everywhere',
      async () =>
        [
          ...(await e2e.sql('neighborhoods', 'select 1 from neighborhood_verification where user_id = $1', [user.id])),
          ...(await e2e.sql('alerts', 'select 1 from device_copy where user_id = $1', [user.id])),
          ...(await e2e.sql('alerts', 'select 1 from verification_copy where user_id = $1', [user.id])),
          ...(await e2e.sql('alerts', 'select 1 from alert where user_id = $1', [user.id])),
        ].length,
      (n) => n === 0,
    );
  });
});

/**
 * The served SDL minus what @apollo/subgraph appends to every subgraph: the @link machinery (directive,
 * link__/federation__ types) and the federation entry points (_Service, _Any, _Entity, Query._entities).
 */
function withoutFederationMachinery(sdl: string): string {
  const doc = parse(sdl);
  const appended = (d: DefinitionNode) =>
    d.kind === Kind.DIRECTIVE_DEFINITION ||
    ('name' in d && !!d.name && /^(link__|federation__|_)/.test(d.name.value)) ||
    (d.kind === Kind.OBJECT_TYPE_EXTENSION && !!d.fields?.every((f) => f.name.value.startsWith('_')));
  return print({ ...doc, definitions: doc.definitions.filter((d) => !appended(d)) });
}

describe('subgraph contracts', () => {
  const subgraph = (name: string) => {
    const s = e2e.stack.subgraphs.find((x) => x.name === name)!;
    return (query: string, variables: Record<string, unknown> = {}, userId: string | null = null) =>
      gatewaySignedRequest<any>(`http://127.0.0.1:${s.port}/graphql`, e2e.options.secrets.GATEWAY_SIGNING_SECRET, query, variables, userId);
  };

  /** Two representations of every entity type each subgraph declares with a resolvable @key, built from live data. */
  async function representations(): Promise<Record<string, Record<string, Record<string, unknown>[]>>> {
    const users = (await e2e.sql('users', 'select id from app_user order by created_at limit 2')).map((r) => ({ __typename: 'User', id: r.id }));
    const codes = ['1168064000', '1168065000'];
    const hospitals = (await e2e.sql('hospitals', "select id from hospital where status = 'OPEN' order by id limit 2")).map((r) => ({ __typename: 'Hospital', id: r.id }));
    const alerts = (await e2e.sql('alerts', 'select id from alert where user_id = $1 order by created_at limit 2', [DEMO_ACCOUNT.userId])).map((r) => ({ __typename: 'Alert', id: r.id }));
    return {
      users: { User: users },
      neighborhoods: { User: users, Neighborhood: codes.map((code) => ({ __typename: 'Neighborhood', code })) },
      hospitals: { Hospital: hospitals, Neighborhood: codes.map((code) => ({ __typename: 'Neighborhood', code })) },
      // Alerts are private: the caller below is their owner, so both representations are the demo user's.
      alerts: { User: [{ __typename: 'User', id: DEMO_ACCOUNT.userId }, { __typename: 'User', id: DEMO_ACCOUNT.userId }], Alert: alerts },
    };
  }

  for (const name of ['users', 'neighborhoods', 'hospitals', 'alerts']) {
    it(`${name} serves exactly its committed SDL, and every @key entity resolves through _entities`, async () => {
      const committed = readFileSync(resolve(repoRoot, 'subgraphs', name, 'src/schema.graphql'), 'utf8');
      const served = await subgraph(name)('{ _service { sdl } }');
      expect(withoutFederationMachinery(served.data._service.sdl)).toBe(print(parse(committed)));

      // A stub declared `@key(..., resolvable: false)` only lets this subgraph name another's entity.
      const resolvableKey = (x: ConstDirectiveNode) =>
        x.name.value === 'key' && !x.arguments?.some((a) => a.name.value === 'resolvable' && a.value.kind === Kind.BOOLEAN && !a.value.value);
      const keyed = parse(committed).definitions.filter(
        (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && !!d.directives?.some(resolvableKey),
      );
      const reps = (await representations())[name]!;
      expect(Object.keys(reps).sort()).toEqual(keyed.map((d) => d.name.value).sort());
      for (const type of keyed) {
        const list = reps[type.name.value]!;
        expect(list).toHaveLength(2);
        const res = await subgraph(name)(
          `query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }`,
          { r: list },
          DEMO_ACCOUNT.userId,
        );
        expect(res.errors).toBeUndefined();
        expect(res.data._entities).toEqual(list.map(() => ({ __typename: type.name.value })));
      }
    });
  }
});
