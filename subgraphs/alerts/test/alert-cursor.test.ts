import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { alertCursor } from '../src/modules/alert/alert-cursor.ts';

const position = { createdAt: '2026-11-26T09:15:30.123Z', id: '7b0c8a52-3f4e-4d8a-9c1b-2e5f6a7b8c9d' };
const encoded = (value: unknown) => Buffer.from(JSON.stringify(['alerts', value])).toString('base64url');

function refusal(cursor: string): GraphQLError {
  try {
    alertCursor.decode('after', cursor);
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error(`cursor ${cursor} was accepted`);
}

describe('alert cursor', () => {
  it('round-trips a position exactly, to the millisecond', () => {
    const cursor = alertCursor.encode(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(alertCursor.decode('after', cursor)).toEqual({ createdAt: new Date(position.createdAt), id: position.id });
  });

  it('does not show the timestamp or id in the clear', () => {
    const cursor = alertCursor.encode(position);
    expect(cursor).not.toContain('2026');
    expect(cursor).not.toContain(position.id);
  });

  it('tells apart alerts created in the same millisecond', () => {
    const other = { ...position, id: '7b0c8a52-3f4e-4d8a-9c1b-2e5f6a7b8c9e' };
    expect(alertCursor.encode(other)).not.toBe(alertCursor.encode(position));
  });

  it('treats a missing cursor as the start of the list', () => {
    expect(alertCursor.decode('after', null)).toBeNull();
    expect(alertCursor.decode('after', undefined)).toBeNull();
  });

  it.each([
    ['an empty string', ''],
    ['characters outside base64url', 'abc+/='],
    ['random base64url', Buffer.from('hello world').toString('base64url')],
    ['a bad id', encoded({ createdAt: position.createdAt, id: 'not-a-uuid' })],
    ['a bad date', encoded({ createdAt: '2026-13-45T99:00:00.000Z', id: position.id })],
    ['another date syntax', encoded({ createdAt: '2026-11-26 09:15:30', id: position.id })],
    ['a date PostgreSQL cannot store', encoded({ createdAt: '+275760-09-13T00:00:00.000Z', id: position.id })],
    ['a cursor of another list', Buffer.from(JSON.stringify(['neighborhoods', position])).toString('base64url')],
    ['a huge cursor', 'A'.repeat(100_000)],
  ])('refuses %s with BAD_USER_INPUT naming the argument', (_what, value) => {
    const error = refusal(value);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(error.message).toContain('after');
  });
});
