import { describe, expect, it } from 'vitest';
import { DeliveryLog } from '../src/subscriptions/delivery-log.ts';

const at = (id: string, createdAt: number) => ({ id, createdAt });

describe('DeliveryLog', () => {
  it('refuses an alert already delivered, however often it is replayed', () => {
    const log = new DeliveryLog(10);
    expect(log.isNew(at('a', 1))).toBe(true);
    log.record(at('a', 1));
    expect(log.isNew(at('a', 1))).toBe(false);
    expect(log.isNew(at('b', 1))).toBe(true);
  });

  it('refuses what lies at or before the resume point, by (createdAt, id)', () => {
    const log = new DeliveryLog(10, at('m', 100));
    expect(log.isNew(at('m', 100))).toBe(false);
    expect(log.isNew(at('a', 100))).toBe(false);
    expect(log.isNew(at('z', 99))).toBe(false);
    expect(log.isNew(at('n', 100))).toBe(true);
    expect(log.isNew(at('a', 101))).toBe(true);
  });

  it('stays bounded: a forgotten id is still refused by position once the floor rises to it', () => {
    const log = new DeliveryLog(2);
    log.record(at('a', 1));
    log.record(at('b', 2));
    log.record(at('c', 3));
    // 'a' was forgotten, but the floor is now its position.
    expect(log.isNew(at('a', 1))).toBe(false);
    expect(log.isNew(at('b', 2))).toBe(false);
    expect(log.isNew(at('d', 4))).toBe(true);
    for (let i = 0; i < 1_000; i++) log.record(at(`x${i}`, 10 + i));
    expect(log.isNew(at('c', 3))).toBe(false);
  });
});
