import { createHash } from 'node:crypto';
import { CALLER_HEADER } from '@petcare/service-kit';
import { StaleConnectionError, type SubgraphHttpResponse } from './subgraph-http.ts';

/** Sends one subgraph request (subgraph-http.ts's postSubgraph, or a test double of it). */
export type SubgraphPost = (url: URL, headers: Record<string, string>, body: string, signal?: AbortSignal) => Promise<SubgraphHttpResponse>;

/** Which subgraph fetches may be shared, and for how long a shared answer is reused. */
export interface SharedFetchOptions {
  /**
   * Subgraphs whose queries answer the same whatever the caller (no query resolver reads the caller). Their
   * identical query fetches are shared between users, in flight and for `ttlMs` after.
   */
  callerIndependent: ReadonlySet<string>;
  /** How long at most a caller-independent answer is reused; 0 shares only fetches in flight. */
  ttlMs: number;
}

const MAX_CACHED = 5_000;
// Subgraph operations the query planner writes start with their type; only queries are ever shared.
const isQuery = (body: string) => body.startsWith('{"query":"query') || body.startsWith('{"query":"{');

/**
 * When a cached answer to `key` expires: at the next moment of the TTL cycle that the key's hash picks, so that the
 * answers of different keys expire spread evenly over the cycle. With one fixed TTL from the fetch, answers fetched
 * together (a cold start or a deploy: every 행정동's hospitals within a second) expired together, and their refetches
 * came back every TTL as one burst — in the home-screen benchmark the hospitals subgraph got ~200 fetches in 2 s of
 * every 5 and none in the other 3, each burst taking CPU from every request in flight. An answer is still never
 * reused longer than the TTL.
 */
function expiryOf(key: string, now: number, ttlMs: number): number {
  const phase = createHash('sha1').update(key).digest().readUInt32BE(0) % ttlMs;
  return now + ttlMs - ((((now - phase) % ttlMs) + ttlMs) % ttlMs);
}

/**
 * Shares subgraph fetches that must give the same answer: identical query fetches of the same caller while one is in
 * flight (50 users asking at once for the same data make one fetch each, not one per field path), and, for
 * caller-independent subgraphs only, identical query fetches of any caller, also for a short time after. A fetch
 * of a user's own data is keyed by that user's signed caller token, so it is never answered with another's.
 * Mutations are never shared, nor retried.
 */
export class SharedFetches {
  readonly #inFlight = new Map<string, Promise<SubgraphHttpResponse>>();
  readonly #cached = new Map<string, { response: SubgraphHttpResponse; until: number }>();

  constructor(
    private readonly post: SubgraphPost,
    private readonly options: SharedFetchOptions,
  ) {}

  /**
   * The answer to `body` from `subgraph`, shared where allowed. `signal` ends the request (its deadline); a shared
   * fetch ends at the deadline of the request that started it, which every sharer has too (one per subgraph).
   */
  fetch(subgraph: string, url: URL, headers: Record<string, string>, body: string, signal?: AbortSignal): Promise<SubgraphHttpResponse> {
    if (!isQuery(body)) return this.post(url, headers, body, signal);
    const shared = this.options.callerIndependent.has(subgraph);
    const key = shared ? `${subgraph}\n${body}` : `${subgraph}\n${headers[CALLER_HEADER] ?? ''}\n${body}`;
    if (shared && this.options.ttlMs > 0) {
      const hit = this.#cached.get(key);
      if (hit && hit.until > Date.now()) return Promise.resolve(hit.response);
    }
    const pending = this.#inFlight.get(key);
    if (pending) return pending;
    // A query sent on a connection the subgraph had just closed reached nobody: it goes once more on a fresh one.
    const request = this.post(url, headers, body, signal)
      .catch((error: unknown) => {
        if (error instanceof StaleConnectionError) return this.post(url, headers, body, signal);
        throw error;
      })
      .finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, request);
    if (shared && this.options.ttlMs > 0) {
      request.then((response) => {
        // Only a clean answer is reused: an error may be transient.
        if (response.status !== 200 || response.body.includes('"errors"')) return;
        if (this.#cached.size >= MAX_CACHED) this.#cached.clear();
        this.#cached.set(key, { response, until: expiryOf(key, Date.now(), this.options.ttlMs) });
      }, () => undefined);
    }
    return request;
  }
}
