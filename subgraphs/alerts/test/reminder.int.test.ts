import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEvents, parseEvent } from '@petcare/cdc-consumer';
import { startTestSubgraph, type TestSubgraph } from '@petcare/service-kit/testing';
import { loadConfig } from '../src/config.ts';
import { buildAlertsService, type AlertsService } from '../src/server.ts';
import { reminderHandler } from '../src/modules/reminder/reminder.handler.ts';

// How the alerts service turns a 동네인증 reminder into an alert, on its real database (the Kafka leg is covered
// by cdc/test/verification-lifecycle.int.test.ts).
const handler = reminderHandler('verification.reminders');
let alerts: TestSubgraph<AlertsService>;

function reminder(userId: string, kind: 'VERIFICATION_EXPIRING' | 'VERIFICATION_EXPIRED', expiresAt = '2026-12-30T09:00:00.000Z') {
  const dueAt = kind === 'VERIFICATION_EXPIRED' ? expiresAt : '2026-12-27T09:00:00.000Z';
  const event = { id: `${kind}:${userId}:1168064000:${Date.parse(expiresAt)}`, kind, userId, neighborhoodCode: '1168064000', expiresAt, dueAt };
  return parseEvent(handler, { key: Buffer.from(userId), value: Buffer.from(JSON.stringify(event)), offset: '0' });
}
const apply = (...events: ReturnType<typeof reminder>[]) => applyEvents(alerts.service.orm.em.fork(), handler, events);
const alertsOf = (userId: string) => alerts.sql('select kind, title, body, data, created_at from alert where user_id = ? order by created_at', [userId]);

beforeAll(async () => {
  alerts = await startTestSubgraph('reminders', (env, log) => buildAlertsService(loadConfig(env), log));
  await alerts.sql("insert into neighborhood_copy (code, name, district) values ('1168064000', '역삼1동', '강남구')");
});
afterAll(() => alerts?.close());

describe('동네인증 reminders as alerts', () => {
  it('says which 동네 and when, in Korean, and links the 동네 for the tap', async () => {
    const userId = randomUUID();
    await apply(reminder(userId, 'VERIFICATION_EXPIRING'), reminder(userId, 'VERIFICATION_EXPIRED'));
    const [expiring, expired] = await alertsOf(userId);
    expect(expiring).toMatchObject({ kind: 'VERIFICATION_EXPIRING', title: '역삼1동 동네인증이 3일 뒤 만료돼요', data: { neighborhoodCode: '1168064000' } });
    expect(expired).toMatchObject({ kind: 'VERIFICATION_EXPIRED', title: '역삼1동 동네인증이 만료됐어요' });
    expect(expired.data).toEqual({ neighborhoodCode: '1168064000', expiresAt: '2026-12-30T09:00:00.000Z' });
  });

  it('never makes a second alert of one reminder, however often it arrives', async () => {
    const userId = randomUUID();
    const outcomes = await apply(reminder(userId, 'VERIFICATION_EXPIRING'), reminder(userId, 'VERIFICATION_EXPIRING'));
    expect(outcomes.map((o) => o.result)).toEqual(['applied', 'skipped']);
    expect((await apply(reminder(userId, 'VERIFICATION_EXPIRING')))[0]!.result).toBe('skipped');
    expect(await alertsOf(userId)).toHaveLength(1);
  });

  it('writes nothing for an account erased here', async () => {
    const userId = randomUUID();
    await alerts.sql('insert into erased_user (user_id) values (?)', [userId]);
    await apply(reminder(userId, 'VERIFICATION_EXPIRED'));
    expect(await alertsOf(userId)).toEqual([]);
  });
});
