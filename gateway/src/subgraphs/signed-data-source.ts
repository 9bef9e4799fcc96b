import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CALLER_HEADER, REQUEST_ID_HEADER, type Logger } from '@petcare/service-kit';
import type { GatewayContext } from '../context.ts';
import type { CallerSignatures } from './caller-signatures.ts';
import type { SharedFetches } from './shared-fetches.ts';
import type { SubgraphHttpResponse } from './subgraph-http.ts';
import { deduplicateRepresentations, expandEntities } from './deduplicated-representations.ts';
import { subgraphCacheHint } from './subgraph-cache-hint.ts';
import { subgraphUnavailable } from './subgraph-unavailable.ts';
import type { SubgraphMetrics } from './subgraph-metrics.ts';

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;
type ProcessOptions = GraphQLDataSourceProcessOptions<GatewayContext>;

const anonymous = { userId: null, roles: [] };

/** A subgraph's answer that is not 2xx, with its body as JSON when it is JSON. */
class SubgraphStatusError extends Error {
  override name = 'SubgraphStatusError';
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`subgraph answered HTTP ${status}`);
  }
}

/** The subgraph did not answer within its deadline. */
class SubgraphTimeoutError extends Error {
  override name = 'SubgraphTimeoutError';
}

const isJson = (contentType: string | undefined) =>
  contentType !== undefined && (contentType.startsWith('application/json') || contentType.startsWith('application/graphql-response+json'));

function parseBody(answer: SubgraphHttpResponse): unknown {
  return isJson(answer.headers['content-type']) ? JSON.parse(answer.body) : answer.body;
}

/**
 * Sends each subgraph fetch of the query plan with the gateway's signed caller token. Subgraphs refuse requests
 * without it, so it goes on every request, anonymous ones too (userId null): "came through the gateway" is what it
 * proves. An `_entities` fetch goes out with each distinct representation once, its answer expanded back.
 *
 * A GraphQLDataSource of our own rather than a RemoteGraphQLDataSource subclass: per fetch, that class built a
 * node-fetch Headers and a node-fetch Request (whose URL parsing alone was 3% of the gateway's CPU on the home
 * screen) that nothing read, and its response went through a fetch Response shim. What it did that a user can see
 * is kept: the body `{query, variables, operationName, extensions}`, `Content-Type: application/json` plus any header
 * the planner asks for, non-JSON and non-2xx answers as errors, and the subgraph's `Cache-Control` restricting the
 * operation's cache policy (subgraph-cache-hint.ts).
 */
export class SignedDataSource implements GraphQLDataSource<GatewayContext> {
  readonly #target: URL;

  constructor(
    private readonly subgraph: string,
    url: string,
    private readonly signatures: CallerSignatures,
    private readonly shared: SharedFetches,
    private readonly log: Logger,
    private readonly timeoutMs: number,
    private readonly metrics: SubgraphMetrics,
  ) {
    this.#target = new URL(url);
  }

  /**
   * A subgraph answers a request it rejects before execution (a variable that fails its scalar, e.g. an invalid
   * e-mail) with HTTP 400 and GraphQL errors; those go to the client as the subgraph wrote them, like execution
   * errors do. Anything else that is not a GraphQL answer (down, 401 to our signature, 5xx) is logged here and
   * reaches the client as SERVICE_UNAVAILABLE, without internal URLs; so does a subgraph slower than its timeout.
   */
  async process(options: ProcessOptions): Promise<GatewayGraphQLResponse> {
    const representations = options.request.variables?.['representations'];
    const deduplicated = Array.isArray(representations) ? deduplicateRepresentations(representations) : null;
    if (deduplicated) options.request.variables = { ...options.request.variables, representations: deduplicated.unique };
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const response = await this.#send(options);
      this.metrics.observe(this.subgraph, seconds());
      return deduplicated ? expandEntities(response, deduplicated.positions) : response;
    } catch (error) {
      const body = error instanceof SubgraphStatusError && error.status === 400 ? error.body : undefined;
      if (typeof body === 'object' && body !== null && 'errors' in body && Array.isArray(body.errors)) {
        this.metrics.observe(this.subgraph, seconds());
        return { errors: body.errors };
      }
      const log = 'incomingRequestContext' in options ? options.context.log : this.log;
      if (error instanceof SubgraphTimeoutError) {
        this.metrics.observe(this.subgraph, seconds(), 'timeout');
        log.warn({ subgraph: this.subgraph, timeoutMs: this.timeoutMs }, 'subgraph did not answer in time');
        throw subgraphUnavailable(this.subgraph, `did not answer within ${this.timeoutMs} ms`);
      }
      const status = error instanceof SubgraphStatusError ? error.status : undefined;
      if (status === 401) {
        this.metrics.observe(this.subgraph, seconds(), 'signature_refused');
        log.error({ subgraph: this.subgraph }, 'subgraph refused the gateway signature: GATEWAY_SIGNING_SECRET differs between gateway and subgraph');
      } else {
        this.metrics.observe(this.subgraph, seconds(), 'unavailable');
        log.error({ err: error, subgraph: this.subgraph, status }, 'subgraph request failed');
      }
      throw subgraphUnavailable(this.subgraph);
    }
  }

  async #send(options: ProcessOptions): Promise<GatewayGraphQLResponse> {
    const incoming = 'incomingRequestContext' in options;
    const { query, variables, operationName, extensions, http } = options.request;
    if (!query) throw new Error('Missing query');
    // Any header the planner asks for (e.g. inline tracing), then ours. Only an incoming operation has a caller;
    // the gateway's own requests (health checks) go out anonymous.
    const headers: Record<string, string> = {};
    for (const [name, value] of http?.headers ?? []) headers[name.toLowerCase()] = value;
    headers['content-type'] = 'application/json';
    headers[CALLER_HEADER] = await this.signatures.token(incoming ? options.context.caller : anonymous);
    if (incoming) headers[REQUEST_ID_HEADER] = options.context.requestId;
    // The query first: SharedFetches tells a query from a mutation by the body's start.
    const body = JSON.stringify({ query, variables, operationName, extensions });

    // Each fetch has a deadline, answer body included: one slow subgraph would otherwise hold every request that
    // needs it, and its sockets, forever. Cleared on the answer (AbortSignal.timeout's timer cannot be, and firing
    // long after each answer it was 1% of the gateway's CPU).
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.timeoutMs);
    let answer: SubgraphHttpResponse;
    try {
      answer = await this.shared.fetch(this.subgraph, this.#target, headers, body, deadline.signal);
    } catch (error) {
      // Aborted by this deadline, or by the one of the request whose in-flight fetch this one shares (same length).
      const aborted = deadline.signal.aborted || (error instanceof Error && error.name === 'AbortError');
      throw aborted ? new SubgraphTimeoutError(`no answer within ${this.timeoutMs} ms`, { cause: error }) : error;
    } finally {
      clearTimeout(timer);
    }

    if (answer.status < 200 || answer.status >= 300) {
      let parsed: unknown = answer.body;
      try {
        parsed = parseBody(answer);
      } catch {
        // Not the JSON it claims to be: the text is what is logged.
      }
      throw new SubgraphStatusError(answer.status, parsed);
    }
    const parsed = parseBody(answer);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`Expected JSON response body, but received: ${String(parsed).slice(0, 200)}`);
    const policy = incoming ? options.incomingRequestContext.overallCachePolicy : undefined;
    if (policy && 'restrict' in policy) policy.restrict(subgraphCacheHint(answer.headers['cache-control']));
    return parsed as GatewayGraphQLResponse;
  }
}
