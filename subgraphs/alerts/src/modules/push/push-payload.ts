import type { TokenMessage } from 'firebase-admin/messaging';

/** FCM's limit on a message's payload: everything but the target token, in bytes of JSON. */
export const FCM_MAX_PAYLOAD_BYTES = 4096;
// firebase-admin renames a few keys on the wire (channelId → channel_id, collapseKey → collapse_key): a few
// bytes more than what we measure.
const WIRE_MARGIN_BYTES = 32;
const ELLIPSIS = '…';
const ALERT_ID_PLACEHOLDER = '00000000-0000-0000-0000-000000000000';

/** What every message of one push job shares; only the token and the user's alert id differ. */
export interface PushContent {
  kind: string;
  title: string;
  body: string;
  /** The alert's data, sent as string values for the app's tap handler. */
  data: Record<string, unknown> | null;
  /** Android notification channel the app created (Android 8+ shows nothing on an unknown channel). */
  androidChannelId: string;
}

/** A message template for one job: title and body already cut to fit, data already stringified. */
export interface PushTemplate {
  title: string;
  body: string;
  data: Record<string, string>;
  kind: string;
  androidChannelId: string;
  /** Bytes of the payload (alert id included), for the record. */
  payloadBytes: number;
  truncated: boolean;
}

/** The payload cannot fit in 4 KB even with an empty body: a caller error, named by field. */
export class PushPayloadTooLargeError extends Error {
  constructor(
    readonly field: 'data' | 'title',
    bytes: number,
  ) {
    super(
      `${field} is too large: the push payload would be ${bytes} bytes even with an empty body; FCM's limit is ${FCM_MAX_PAYLOAD_BYTES}`,
    );
    this.name = 'PushPayloadTooLargeError';
  }
}

/**
 * The message for one device: a notification that renders on both platforms — Android on the app's
 * channel, tagged with the alert id so a resend replaces instead of stacking; iOS with the same collapse
 * id, a sound and a thread per kind — and the data the app opens the alert with.
 */
export function pushMessage(template: PushTemplate, token: string, alertId: string): TokenMessage {
  const { title, body } = template;
  return {
    token,
    notification: { title, body },
    data: { ...template.data, alertId, kind: template.kind },
    android: { priority: 'high', collapseKey: alertId, notification: { channelId: template.androidChannelId, tag: alertId } },
    apns: {
      headers: { 'apns-priority': '10', 'apns-collapse-id': alertId },
      payload: { aps: { alert: { title, body }, sound: 'default', threadId: template.kind } },
    },
  };
}

/** The payload's size as FCM counts it: the message's JSON without its target token. */
export function payloadBytes(message: TokenMessage): number {
  const { token: _token, ...payload } = message;
  return Buffer.byteLength(JSON.stringify(payload));
}

/**
 * Builds a job's template once: stringifies data, and if the payload passes 4 KB, cuts the body (then the
 * title) at a grapheme boundary — a Hangul syllable, an emoji with modifiers, a jamo sequence stays whole —
 * ending it with "…". Every alert id has the same length, so one check covers every message of the job.
 */
export function pushTemplate(content: PushContent): PushTemplate {
  const data = Object.fromEntries(Object.entries(content.data ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  const limit = FCM_MAX_PAYLOAD_BYTES - WIRE_MARGIN_BYTES;
  const make = (title: string, body: string): PushTemplate => {
    const t = { title, body, data, kind: content.kind, androidChannelId: content.androidChannelId, payloadBytes: 0, truncated: false };
    t.payloadBytes = payloadBytes(pushMessage(t, '', ALERT_ID_PLACEHOLDER));
    return t;
  };
  const whole = make(content.title, content.body);
  if (whole.payloadBytes <= limit) return whole;
  const emptyBody = make(content.title, '');
  if (emptyBody.payloadBytes > limit) {
    const bare = make('', '');
    if (bare.payloadBytes + Buffer.byteLength(ELLIPSIS) * 2 > limit) throw new PushPayloadTooLargeError('data', bare.payloadBytes);
    const title = cutToFit(content.title, (t) => make(t, '').payloadBytes <= limit);
    return { ...make(title, ''), truncated: true };
  }
  const body = cutToFit(content.body, (b) => make(content.title, b).payloadBytes <= limit);
  return { ...make(content.title, body), truncated: true };
}

/** The longest prefix of whole graphemes, plus "…", that `fits`. */
function cutToFit(text: string, fits: (candidate: string) => boolean): string {
  const graphemes = [...new Intl.Segmenter('ko', { granularity: 'grapheme' }).segment(text)].map((s) => s.segment);
  let lo = 0;
  let hi = graphemes.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(graphemes.slice(0, mid).join('') + ELLIPSIS)) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? ELLIPSIS : graphemes.slice(0, lo).join('') + ELLIPSIS;
}
