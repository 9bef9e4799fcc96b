import { describe, expect, it } from 'vitest';
import { BoundedQueue } from '../src/subscriptions/bounded-queue.ts';

describe('BoundedQueue', () => {
  it('hands items over in order, to a reader that waits or one that comes later', async () => {
    const queue = new BoundedQueue<number>(3);
    const waiting = queue.next();
    expect(queue.push(1)).toBe(true);
    expect(await waiting).toBe(1);
    queue.push(2);
    queue.push(3);
    expect([await queue.next(), await queue.next()]).toEqual([2, 3]);
  });

  it('refuses an item beyond its limit instead of growing', () => {
    const queue = new BoundedQueue<number>(2);
    expect([queue.push(1), queue.push(2), queue.push(3)]).toEqual([true, true, false]);
    expect(queue.size).toBe(2);
  });

  it('ends a pending read when closed, and accepts nothing after', async () => {
    const queue = new BoundedQueue<number>(2);
    const waiting = queue.next();
    queue.close();
    expect(await waiting).toBeUndefined();
    expect(queue.push(1)).toBe(false);
    expect(await queue.next()).toBeUndefined();
  });
});
