import { describe, expect, it } from 'vitest';
import { parseDebeziumChange, parseDebeziumKey } from '../src/debezium-change.ts';
import { PoisonMessageError } from '../src/poison-message-error.ts';
import { isPermanentFailure } from '../src/is-permanent-failure.ts';

const event = (over: Record<string, unknown> = {}) =>
  Buffer.from(
    JSON.stringify({
      before: null,
      after: { id: 'a', token: 't' },
      source: { lsn: 23456789, ts_ms: 1764100000000, table: 'device', snapshot: 'false' },
      op: 'c',
      ts_ms: 1764100000005,
      ...over,
    }),
  );

describe('parseDebeziumChange', () => {
  it('reads op, images, LSN and source time', () => {
    expect(parseDebeziumChange(event())).toEqual({
      op: 'c',
      before: null,
      after: { id: 'a', token: 't' },
      lsn: 23456789n,
      sourceTsMs: 1764100000000,
      capturedTsMs: 1764100000005,
      snapshot: false,
      snapshotLast: false,
      table: 'device',
    });
  });

  it('marks the last read of a table in a snapshot, which a copy reconciles at', () => {
    const last = (snapshot: string) => parseDebeziumChange(event({ op: 'r', source: { lsn: 1, ts_ms: 1, table: 't', snapshot } }))?.snapshotLast;
    expect(['last', 'last_in_data_collection'].map(last)).toEqual([true, true]);
    expect(['true', 'first', 'first_in_data_collection', 'incremental'].map(last)).toEqual([false, false, false, false]);
  });

  it('marks snapshot reads, whatever Debezium writes in source.snapshot', () => {
    for (const snapshot of ['true', 'first', 'last', 'incremental']) {
      expect(parseDebeziumChange(event({ op: 'r', source: { lsn: 1, ts_ms: 1, table: 't', snapshot } }))?.snapshot).toBe(true);
    }
  });

  it('treats a null or empty value as a tombstone', () => {
    expect(parseDebeziumChange(null)).toBeNull();
    expect(parseDebeziumChange(Buffer.alloc(0))).toBeNull();
  });

  it('rejects what is not a change event as poison, saying why', () => {
    expect(() => parseDebeziumChange(Buffer.from('{oops'))).toThrow(PoisonMessageError);
    expect(() => parseDebeziumChange(Buffer.from('{"op":"x"}'))).toThrow(/op/);
    expect(() => parseDebeziumChange(event({ source: { ts_ms: 1, table: 't' } }))).toThrow(/source\.lsn/);
  });
});

describe('parseDebeziumKey', () => {
  it('requires a JSON object key', () => {
    expect(parseDebeziumKey(Buffer.from('{"id":"a"}'))).toEqual({ id: 'a' });
    expect(() => parseDebeziumKey(null)).toThrow(/no key/);
    expect(() => parseDebeziumKey(Buffer.from('[1]'))).toThrow(PoisonMessageError);
  });
});

describe('isPermanentFailure', () => {
  it('dead-letters poison and data/integrity errors, retries the rest', () => {
    expect(isPermanentFailure(new PoisonMessageError('x'))).toBe(true);
    expect(isPermanentFailure(Object.assign(new Error('null value'), { code: '23502' }))).toBe(true);
    expect(isPermanentFailure(Object.assign(new Error('bad uuid'), { sqlState: '22P02' }))).toBe(true);
    expect(isPermanentFailure(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toBe(false);
    expect(isPermanentFailure(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBe(false);
  });
});
