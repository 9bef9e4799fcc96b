import { describe, expect, it } from 'vitest';
import { CallerTokenError, signCallerToken } from '../src/identity/caller-token.ts';
import { verifiedCallerTokens } from '../src/identity/verified-caller-tokens.ts';

const secret = 'test-gateway-signing-secret-0123456789';

describe('verifiedCallerTokens', () => {
  it('answers each token with its own caller, from memory the second time, and keeps no refusal', async () => {
    const verify = verifiedCallerTokens(secret);
    const alice = { userId: 'a0000000-0000-4000-8000-00000000000a', roles: [] };
    const bob = { userId: 'b0000000-0000-4000-8000-00000000000b', roles: ['OPERATOR' as const] };
    const [a, b] = await Promise.all([signCallerToken(secret, alice), signCallerToken(secret, bob)]);
    expect(await verify(a)).toEqual(alice);
    expect(await verify(b)).toEqual(bob);
    expect(await verify(a)).toBe(await verify(a));
    const forged = await signCallerToken('another-secret-that-is-long-enough-0123', alice);
    await expect(verify(forged)).rejects.toThrow(CallerTokenError);
    await expect(verify(forged)).rejects.toThrow(CallerTokenError);
    await expect(verify(undefined)).rejects.toThrow(CallerTokenError);
  });
});
