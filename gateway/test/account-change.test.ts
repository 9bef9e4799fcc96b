import { describe, expect, it } from 'vitest';
import { readAccountChange } from '../src/identity/account-change.ts';

const id = '0B3C5D7E-1F20-4A3B-8C4D-5E6F70819203';
const message = (value: unknown, headers?: Record<string, string>) => ({
  key: Buffer.from(JSON.stringify({ id })),
  value: value === null ? null : Buffer.from(JSON.stringify(value)),
  headers: Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, Buffer.from(v)])),
});

describe('readAccountChange', () => {
  it('reads inserts, updates and snapshot reads as live at their LSN, and a delete as deleted', () => {
    for (const op of ['c', 'u', 'r']) {
      expect(readAccountChange(message({ op, after: { id }, source: { lsn: 4242 } }))).toEqual({ kind: 'live', id: id.toLowerCase(), lsn: 4242 });
    }
    expect(readAccountChange(message({ op: 'd', before: { id }, source: { lsn: 4243 } }))).toEqual({ kind: 'deleted', id: id.toLowerCase() });
  });

  it('never lets a live account without an LSN be taken for one a snapshot did not read', () => {
    expect(readAccountChange(message({ op: 'u', after: { id }, source: {} }))).toEqual({ kind: 'live', id: id.toLowerCase(), lsn: Number.MAX_SAFE_INTEGER });
  });

  it('reads a snapshot-end marker by its header, and ignores tombstones and what it cannot read', () => {
    const marker = { key: Buffer.from('{"snapshot_end":"public.app_user","partition":0}'), headers: { 'petcare.marker': Buffer.from('snapshot-end') } };
    expect(readAccountChange({ ...marker, value: Buffer.from('{"snapshot_end":"public.app_user","lsn":900,"ts_ms":1}') })).toEqual({ kind: 'snapshot-end', lsn: 900 });
    expect(readAccountChange({ ...marker, value: Buffer.from('{"snapshot_end":"public.app_user"}') })).toBeNull();
    expect(readAccountChange(message(null))).toBeNull();
    expect(readAccountChange({ key: Buffer.from('not json'), value: Buffer.from('{}'), headers: {} })).toBeNull();
  });
});
