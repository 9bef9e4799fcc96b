import { describe, expect, it } from 'vitest';
import { alertEventFrom } from '../src/subscriptions/alert-event.ts';

const row = {
  id: '0191E4A0-0000-7000-8000-0000000000AA',
  user_id: '5f0c1d52-6a43-4c8e-9d3b-0d6b1a7e2f10',
  created_at: '2026-11-26T01:02:03.45Z',
  title: '새 알림',
};
const change = (op: string, after: unknown = row) =>
  Buffer.from(
    JSON.stringify({ op, before: null, after, source: { lsn: 123, ts_ms: 1, table: 'alert', snapshot: op === 'r' ? 'true' : 'false' } }),
  );

describe('alertEventFrom', () => {
  it('announces an inserted alert by its id, owner and position', () => {
    expect(alertEventFrom(change('c'))).toEqual({
      id: '0191e4a0-0000-7000-8000-0000000000aa',
      userId: '5f0c1d52-6a43-4c8e-9d3b-0d6b1a7e2f10',
      createdAt: Date.parse('2026-11-26T01:02:03.450Z'),
    });
  });

  it('announces nothing for snapshot reads, updates, deletes and tombstones', () => {
    for (const op of ['r', 'u', 'd']) expect(alertEventFrom(change(op)), op).toBeNull();
    expect(alertEventFrom(null)).toBeNull();
  });

  it('throws for a value that is not an insert of an alert row', () => {
    expect(() => alertEventFrom(Buffer.from('not json'))).toThrow(/not JSON/);
    expect(() => alertEventFrom(change('c', { id: 'x', user_id: row.user_id, created_at: row.created_at }))).toThrow();
    expect(() => alertEventFrom(change('c', { ...row, created_at: 'yesterday' }))).toThrow(/ISO-8601/);
  });
});
