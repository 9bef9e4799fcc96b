import { describe, expect, it } from 'vitest';
import { CatchUp } from '../src/kafka/catch-up.ts';

describe('CatchUp', () => {
  it('is done at once for an empty topic', () => {
    const c = new CatchUp();
    c.begin([{ partition: 0, high: '0' }], [{ partition: 0, offset: '-1' }]);
    expect(c.done).toBe(true);
  });

  it('is done once every partition has been read to the end it had when reading began, not before', async () => {
    const c = new CatchUp();
    const waiting = c.whenDone(5_000);
    c.begin([{ partition: 0, high: '3' }, { partition: 1, high: '1' }], []);
    c.consumed(0, '2');
    expect(c.done).toBe(false);
    c.consumed(1, '0');
    expect(c.done).toBe(true);
    expect(await waiting).toBe(true);
  });

  it('counts what a restarted reader had committed, and ignores messages consumed before the goal is known', () => {
    const c = new CatchUp();
    c.begin([{ partition: 0, high: '10' }], [{ partition: 0, offset: '10' }]);
    expect(c.done).toBe(true);
    const early = new CatchUp();
    early.consumed(0, '0');
    expect(early.done).toBe(false);
    early.begin([{ partition: 0, high: '5' }], []);
    expect(early.done).toBe(false);
  });

  it('gives up waiting after the timeout', async () => {
    const c = new CatchUp();
    c.begin([{ partition: 0, high: '1' }], []);
    expect(await c.whenDone(20)).toBe(false);
  });
});
