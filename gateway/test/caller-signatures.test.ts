import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyCallerToken } from '@petcare/service-kit';
import { CallerSignatures } from '../src/subgraphs/caller-signatures.ts';

const secret = 'test-gateway-signing-secret-0123456789';

describe('CallerSignatures', () => {
  it('reuses one signed token per caller, and each names its own caller', async () => {
    const signatures = new CallerSignatures(secret);
    const alice = { userId: 'a0000000-0000-4000-8000-00000000000a', roles: [] };
    const operator = { userId: 'a0000000-0000-4000-8000-00000000000a', roles: ['OPERATOR' as const] };
    const bob = { userId: 'b0000000-0000-4000-8000-00000000000b', roles: [] };
    const [a1, a2, o, b, anon] = await Promise.all([alice, alice, operator, bob, { userId: null, roles: [] }].map((c) => signatures.token(c)));
    expect(a1).toBe(a2);
    expect(new Set([a1, o, b, anon]).size).toBe(4);
    expect(await verifyCallerToken(secret, a1)).toEqual(alice);
    expect(await verifyCallerToken(secret, o)).toEqual(operator);
    expect(await verifyCallerToken(secret, b)).toEqual(bob);
    expect(await verifyCallerToken(secret, anon)).toEqual({ userId: null, roles: [] });
  });

  describe('callers first seen together', () => {
    afterEach(() => vi.useRealTimers());

    it('are signed again spread over the 20 s a token is reused, none reused longer', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const start = Date.UTC(2026, 11, 2, 12, 0, 0, 0);
      vi.setSystemTime(start);
      const signatures = new CallerSignatures(secret);
      const users = Array.from({ length: 200 }, (_, i) => ({ userId: `a0000000-0000-4000-8000-${String(i).padStart(12, '0')}`, roles: [] }));
      let tokens = await Promise.all(users.map((u) => signatures.token(u)));
      const resigned: number[] = [];
      for (let fifth = 1; fifth <= 5; fifth++) {
        vi.setSystemTime(start + fifth * 4_000);
        const now = await Promise.all(users.map((u) => signatures.token(u)));
        resigned.push(now.filter((t, i) => t !== tokens[i]).length);
        tokens = now;
      }
      // A fixed 20 s re-signed nobody for 16 s and then all 200 at once, and every subgraph verified them at once.
      for (const n of resigned) expect(n).toBeGreaterThan(20);
      for (const n of resigned) expect(n).toBeLessThan(60);
      expect(resigned.reduce((a, b) => a + b, 0)).toBe(200);
    });
  });
});
