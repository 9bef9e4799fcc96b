import { verifyAuthorization, type VerifiedAuthorization } from './caller-from-authorization.ts';

const MAX_ENTRIES = 50_000;

/**
 * Bearer tokens already verified, by their exact text, until they expire: an HMAC and claim checks per request
 * become a map lookup. Only successful verifications are kept, and a token is dropped at its `exp` (then verified
 * again, which refuses it as expired). Access tokens are stateless JWTs, so caching one changes nothing the
 * gateway would otherwise accept or refuse.
 */
export class VerifiedTokens {
  readonly #verified = new Map<string, VerifiedAuthorization>();

  constructor(private readonly secret: string) {}

  /** verifyAuthorization, answered from the cache while the token is valid. */
  async verify(authorization: string | undefined): Promise<VerifiedAuthorization> {
    const now = Date.now();
    const cached = authorization === undefined ? undefined : this.#verified.get(authorization);
    if (cached && cached.expiresAt !== null && cached.expiresAt > now) return cached;
    const verified = await verifyAuthorization(this.secret, authorization);
    if (authorization !== undefined && verified.expiresAt !== null) {
      if (this.#verified.size >= MAX_ENTRIES) this.#evict(now);
      this.#verified.set(authorization, verified);
    }
    return verified;
  }

  #evict(now: number): void {
    for (const [k, v] of this.#verified) if (v.expiresAt === null || v.expiresAt <= now) this.#verified.delete(k);
    if (this.#verified.size >= MAX_ENTRIES) this.#verified.clear();
  }
}
