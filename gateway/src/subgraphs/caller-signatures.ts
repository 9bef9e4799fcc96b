import { signCallerToken, type Caller } from '@petcare/service-kit';
import { spreadExpiry } from './spread-expiry.ts';

/** How long at most a signed caller token is reused: well inside its 60 s lifetime, so a subgraph never sees it expire. */
const REUSE_MS = 20_000;
const MAX_ENTRIES = 10_000;

/**
 * The gateway's signed caller tokens, one per caller (user id, roles, client address) reused for 20 s instead of an HMAC per
 * subgraph fetch: signing was the gateway's largest single cost in the home screen's profile (4 fetches per
 * operation). The token names only the caller, so reusing it within its lifetime changes nothing a subgraph checks.
 */
export class CallerSignatures {
  readonly #tokens = new Map<string, { token: Promise<string>; until: number }>();

  constructor(private readonly secret: string) {}

  /** A valid signed token for `caller`. */
  token(caller: Caller): Promise<string> {
    // The client's address is signed too (per-client limits count by it), so it is part of what a token names.
    const key = `${caller.userId ?? ''}|${caller.roles.join(',')}|${caller.clientAddress ?? ''}`;
    const now = Date.now();
    const cached = this.#tokens.get(key);
    if (cached && cached.until > now) return cached.token;
    if (this.#tokens.size >= MAX_ENTRIES) this.#evictExpired(now);
    const token = signCallerToken(this.secret, caller);
    // Spread over the reuse period by caller: callers first seen together (a load's first second) were signed again
    // together every 20 s, and each subgraph then verified all their new tokens at once.
    this.#tokens.set(key, { token, until: spreadExpiry(key, now, REUSE_MS) });
    token.catch(() => this.#tokens.delete(key));
    return token;
  }

  #evictExpired(now: number): void {
    for (const [k, v] of this.#tokens) if (v.until <= now) this.#tokens.delete(k);
    // Still full (10,000 callers within 20 s): start over rather than grow without bound.
    if (this.#tokens.size >= MAX_ENTRIES) this.#tokens.clear();
  }
}
