import { describe, expect, it } from 'vitest';
import {
  FCM_MAX_PAYLOAD_BYTES,
  payloadBytes,
  pushMessage,
  pushTemplate,
  PushPayloadTooLargeError,
} from '../src/modules/push/push-payload.ts';

const alertId = '3f2a8c1e-4b7d-4e21-9a6f-0c5d8e7b1a23';
const content = (body: string, data: Record<string, unknown> | null = { neighborhoodCode: '1168064000' }) => ({
  kind: 'NEIGHBORHOOD_NOTICE',
  title: '역삼1동 소식',
  body,
  data,
  androidChannelId: 'alerts',
});
const graphemes = (s: string) => [...new Intl.Segmenter('ko', { granularity: 'grapheme' }).segment(s)].map((x) => x.segment);

describe('the push message', () => {
  it('renders on Android and iOS and carries the alert id and kind as string data', () => {
    const m = pushMessage(pushTemplate(content('본문', { neighborhoodCode: '1168064000', count: 3, nested: { a: 1 } })), 'tok', alertId);
    expect(m).toEqual({
      token: 'tok',
      notification: { title: '역삼1동 소식', body: '본문' },
      data: { neighborhoodCode: '1168064000', count: '3', nested: '{"a":1}', alertId, kind: 'NEIGHBORHOOD_NOTICE' },
      android: { priority: 'high', collapseKey: alertId, notification: { channelId: 'alerts', tag: alertId } },
      apns: {
        headers: { 'apns-priority': '10', 'apns-collapse-id': alertId },
        payload: { aps: { alert: { title: '역삼1동 소식', body: '본문' }, sound: 'default', threadId: 'NEIGHBORHOOD_NOTICE' } },
      },
    });
  });

  it('leaves a body that fits untouched', () => {
    const t = pushTemplate(content('내일 오전 10시 공원에서 반려견 산책 모임이 있어요.'));
    expect(t.truncated).toBe(false);
    expect(t.body).toBe('내일 오전 10시 공원에서 반려견 산책 모임이 있어요.');
  });
});

describe('the 4 KB limit', () => {
  it('cuts a long Korean body to fit, on a syllable, ending with …', () => {
    const body = '우리 동네 반려견 산책 모임 안내입니다. '.repeat(300);
    const t = pushTemplate(content(body));
    const m = pushMessage(t, 'x'.repeat(200), alertId);
    expect(t.truncated).toBe(true);
    expect(payloadBytes(m)).toBeLessThanOrEqual(FCM_MAX_PAYLOAD_BYTES);
    expect(t.body.endsWith('…')).toBe(true);
    expect(body.startsWith(t.body.slice(0, -1))).toBe(true);
    // As long as fits: one more syllable would not.
    expect(payloadBytes(m)).toBeGreaterThan(FCM_MAX_PAYLOAD_BYTES - 32 - 2 * 3 * 2);
    expect(m.apns?.payload?.aps.alert).toEqual({ title: '역삼1동 소식', body: t.body });
  });

  it('never splits a grapheme: decomposed jamo and emoji sequences stay whole', () => {
    const nfd = '한글'.normalize('NFD');
    const family = '👨‍👩‍👧';
    const body = `${nfd}${family}`.repeat(400);
    const t = pushTemplate(content(body));
    const kept = graphemes(t.body.slice(0, -1));
    const unit = graphemes(`${nfd}${family}`);
    kept.forEach((g, i) => expect(g).toBe(unit[i % unit.length]));
  });

  it('refuses data that cannot fit even with an empty body, naming data', () => {
    expect(() => pushTemplate(content('본문', { blob: '가'.repeat(1500) }))).toThrow(PushPayloadTooLargeError);
    try {
      pushTemplate(content('본문', { blob: '가'.repeat(1500) }));
    } catch (error) {
      expect((error as PushPayloadTooLargeError).field).toBe('data');
    }
  });
});
