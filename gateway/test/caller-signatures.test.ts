import { describe, expect, it } from 'vitest';
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
});
