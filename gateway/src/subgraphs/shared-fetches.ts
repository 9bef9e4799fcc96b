import { CALLER_HEADER } from '@petcare/service-kit';
import { spreadExpiry } from './spread-expiry.ts';
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
        // Spread, not a fixed TTL: the 200 행정동's hospitals cached in the home-screen benchmark's first second were
        // refetched together every 5 s, ~200 fetches in 2 s and none in the next 3 (the hospitals subgraph's /metrics).
        this.#cached.set(key, { response, until: spreadExpiry(key, Date.now(), this.options.ttlMs) });
      }, () => undefined);
    }
    return request;
  }
}
