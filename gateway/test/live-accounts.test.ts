import { describe, expect, it } from 'vitest';
import { LiveAccounts } from '../src/identity/live-accounts.ts';

describe('LiveAccounts', () => {
  it('gives, at a snapshot\'s end in a partition, the accounts of that partition the snapshot did not read', () => {
    const live = new LiveAccounts();
    live.seen(0, 'kept', 100);
    live.seen(0, 'gone', 120);
    live.seen(1, 'other-partition', 100);
    // the re-snapshot at 500 reads 'kept' only
    live.seen(0, 'kept', 500);
    expect(live.notReadBy(0, 500)).toEqual(['gone']);
    expect(live.notReadBy(0, 500)).toEqual([]);
    expect(live.size).toBe(2);
  });

  it('keeps an account whose later change carries an LSN below its snapshot read (a transaction that straddled it)', () => {
    const live = new LiveAccounts();
    live.seen(0, 'straddled', 500);
    live.seen(0, 'straddled', 480);
    expect(live.notReadBy(0, 500)).toEqual([]);
  });

  it('forgets a deleted account, so a later snapshot does not report it again', () => {
    const live = new LiveAccounts();
    live.seen(0, 'a', 100);
    live.deleted(0, 'a');
    expect(live.notReadBy(0, 500)).toEqual([]);
    expect(live.size).toBe(0);
  });
});
