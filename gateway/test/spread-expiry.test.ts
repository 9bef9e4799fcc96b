import { describe, expect, it } from 'vitest';
import { spreadExpiry } from '../src/subgraphs/spread-expiry.ts';

const period = 5_000;
const now = Date.UTC(2026, 11, 2, 12, 0, 0, 0);
const keys = Array.from({ length: 1_000 }, (_, i) => `hospitals\n{"query":"…","variables":{"code":"${1100000000 + i}"}}`);

describe('spreadExpiry', () => {
  it('keeps every entry at most one period, and more than nothing', () => {
    for (const key of keys) {
      for (const at of [now, now + 1, now + 1_234, now + period - 1]) {
        const until = spreadExpiry(key, at, period);
        expect(until).toBeGreaterThan(at);
        expect(until).toBeLessThanOrEqual(at + period);
      }
    }
  });

  it('spreads the expiries of entries made at the same moment evenly over the period', () => {
    const tenths = new Array<number>(10).fill(0);
    for (const key of keys) tenths[Math.floor(((spreadExpiry(key, now, period) - now - 1) * 10) / period)]!++;
    // 1,000 keys, ~100 a tenth; a fixed lifetime would put all of them in the last.
    for (const n of tenths) expect(n).toBeGreaterThan(60);
    for (const n of tenths) expect(n).toBeLessThan(140);
  });

  it('gives one key the same moment of every cycle, whenever its entry was made', () => {
    const key = keys[7]!;
    const first = spreadExpiry(key, now, period);
    expect(spreadExpiry(key, first, period)).toBe(first + period);
    expect(spreadExpiry(key, first - 1, period)).toBe(first);
    expect(spreadExpiry(key, now + 3 * period + 17, period) - first).toBe(3 * period);
  });
});
