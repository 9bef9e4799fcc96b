import { describe, expect, it } from 'vitest';
import { issueAccessToken } from '@petcare/service-kit';
import { AccessTokenError } from '../src/identity/caller-from-authorization.ts';
import { VerifiedTokens } from '../src/identity/verified-tokens.ts';

const secret = 'test-access-token-secret-0123456789abc';

describe('VerifiedTokens', () => {
  it('answers a valid token from the cache, and refuses it once expired', async () => {
    const tokens = new VerifiedTokens(secret);
    const { token } = await issueAccessToken(secret, '3f1c9a52-6a55-4a8e-9a43-3c1f6e0e2b11', 1);
    const first = await tokens.verify(`Bearer ${token}`);
    expect(first.caller.userId).toBe('3f1c9a52-6a55-4a8e-9a43-3c1f6e0e2b11');
    expect(await tokens.verify(`Bearer ${token}`)).toBe(first);
    await new Promise((r) => setTimeout(r, first.expiresAt! - Date.now() + 50));
    await expect(tokens.verify(`Bearer ${token}`)).rejects.toThrow(AccessTokenError);
  });

  it('never caches a refusal: a forged token stays refused, a valid one for another user is that user', async () => {
    const tokens = new VerifiedTokens(secret);
    const { token: forged } = await issueAccessToken('another-secret-that-is-long-enough-0123', 'a0000000-0000-4000-8000-000000000001', 60);
    await expect(tokens.verify(`Bearer ${forged}`)).rejects.toThrow(AccessTokenError);
    await expect(tokens.verify(`Bearer ${forged}`)).rejects.toThrow(AccessTokenError);
    const { token } = await issueAccessToken(secret, 'a0000000-0000-4000-8000-000000000002', 60);
    expect((await tokens.verify(`Bearer ${token}`)).caller.userId).toBe('a0000000-0000-4000-8000-000000000002');
    expect((await tokens.verify(undefined)).caller.userId).toBeNull();
  });
});
