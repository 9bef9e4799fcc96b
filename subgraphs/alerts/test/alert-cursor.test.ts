import { describe, expect, it } from 'vitest';
import { decodeAlertCursor, encodeAlertCursor } from '../src/modules/alert/alert-cursor.ts';

const position = { createdAt: new Date('2026-11-26T09:15:30.123Z'), id: '7b0c8a52-3f4e-4d8a-9c1b-2e5f6a7b8c9d' };

describe('alert cursor', () => {
  it('round-trips a position exactly, to the millisecond', () => {
    const cursor = encodeAlertCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeAlertCursor(cursor)).toEqual(position);
  });

  it('does not show the timestamp or id in the clear', () => {
    const cursor = encodeAlertCursor(position);
    expect(cursor).not.toContain('2026');
    expect(cursor).not.toContain(position.id);
  });

  it('tells apart alerts created in the same millisecond', () => {
    const other = { ...position, id: '7b0c8a52-3f4e-4d8a-9c1b-2e5f6a7b8c9e' };
    expect(encodeAlertCursor(other)).not.toBe(encodeAlertCursor(position));
  });

  it.each([
    ['an empty string', ''],
    ['characters outside base64url', 'abc+/='],
    ['random base64url', Buffer.from('hello world').toString('base64url')],
    ['a bad id', Buffer.from('2026-11-26T09:15:30.123Z|not-a-uuid').toString('base64url')],
    ['a bad date', Buffer.from(`2026-13-45T99:00:00.000Z|${position.id}`).toString('base64url')],
    ['another date syntax', Buffer.from(`2026-11-26 09:15:30|${position.id}`).toString('base64url')],
    ['an extra part', Buffer.from(`2026-11-26T09:15:30.123Z|${position.id}|x`).toString('base64url')],
  ])('rejects %s', (_what, value) => {
    expect(decodeAlertCursor(value)).toBeNull();
  });
});
