import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CALLER_HEADER, REQUEST_ID_HEADER, type Logger } from '@petcare/service-kit';
import type { GatewayContext } from '../context.ts';
import type { CallerSignatures } from './caller-signatures.ts';
import { fetcherResponse } from './subgraph-http.ts';
import type { SharedFetches } from './shared-fetches.ts';
import { deduplicateRepresentations, expandEntities } from './deduplicated-representations.ts';
import { subgraphUnavailable } from './subgraph-unavailable.ts';
import type { SubgraphMetrics } from './subgraph-metrics.ts';

type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

const anonymous = { userId: null, roles: [] };

/**
 * Sends each subgraph fetch with the gateway's signed caller token. Subgraphs refuse requests without it,
 * so it goes on every request, anonymous ones too (userId null): "came through the gateway" is what it proves.
 * An `_entities` fetch goes out with each distinct representation once, its answer expanded back for the planner.
 */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    url: string,
    private readonly signatures: CallerSignatures,
    shared: SharedFetches,
    private readonly log: Logger,
    private readonly timeoutMs: number,
    private readonly metrics: SubgraphMetrics,
  ) {
    // Our own fetcher instead of the default make-fetch-happen: keep-alive connections (subgraph-http.ts), and
    // identical fetches shared where that cannot mix callers (shared-fetches.ts). Each fetch has a deadline, answer
    // body included: one slow subgraph would otherwise hold every request that needs it, and its sockets, forever.
    const target = new URL(url);
    super({
      url,
      fetcher: async (at, init) =>
        fetcherResponse(at, await shared.fetch(subgraph, target, init?.headers ?? {}, String(init?.body ?? ''), AbortSignal.timeout(timeoutMs))),
    });
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Only an incoming operation has a caller; the gateway's own requests (health checks) go out anonymous.
    const caller = 'incomingRequestContext' in options ? options.context.caller : anonymous;
    options.request.http?.headers.set(CALLER_HEADER, await this.signatures.token(caller));
    if ('incomingRequestContext' in options) options.request.http?.headers.set(REQUEST_ID_HEADER, options.context.requestId);
  }

  /**
   * A subgraph answers a request it rejects before execution (a variable that fails its scalar, e.g. an invalid
   * e-mail) with HTTP 400 and GraphQL errors; those go to the client as the subgraph wrote them, like execution
   * errors do. Anything else that is not a GraphQL answer (down, 401 to our signature, 5xx) is logged here and
   * reaches the client as SERVICE_UNAVAILABLE, without internal URLs; so does a subgraph slower than its timeout.
   */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const representations = options.request.variables?.['representations'];
    const deduplicated = Array.isArray(representations) ? deduplicateRepresentations(representations) : null;
    if (deduplicated) options.request.variables = { ...options.request.variables, representations: deduplicated.unique };
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const response = await super.process(options);
      this.metrics.observe(this.subgraph, seconds());
      return deduplicated ? expandEntities(response, deduplicated.positions) : response;
    } catch (error) {
      const response = rejectedRequest(error);
      if (response) {
        this.metrics.observe(this.subgraph, seconds());
        return response;
      }
      const log = 'incomingRequestContext' in options ? options.context.log : this.log;
      if (isTimeout(error)) {
        this.metrics.observe(this.subgraph, seconds(), 'timeout');
        log.warn({ subgraph: this.subgraph, timeoutMs: this.timeoutMs }, 'subgraph did not answer in time');
        throw subgraphUnavailable(this.subgraph, `did not answer within ${this.timeoutMs} ms`);
      }
      const status = httpStatus(error);
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
}

interface HttpErrorExtensions {
  response?: { status?: number; body?: unknown };
}

function extensionsOf(error: unknown): HttpErrorExtensions | undefined {
  return typeof error === 'object' && error !== null && 'extensions' in error ? (error.extensions as HttpErrorExtensions) : undefined;
}

function isTimeout(error: unknown): boolean {
  const name = typeof error === 'object' && error !== null && 'name' in error ? error.name : undefined;
  const type = typeof error === 'object' && error !== null && 'type' in error ? error.type : undefined;
  return name === 'TimeoutError' || type === 'aborted' || name === 'AbortError';
}

function httpStatus(error: unknown): number | undefined {
  return extensionsOf(error)?.response?.status;
}

function rejectedRequest(error: unknown): GatewayGraphQLResponse | undefined {
  const response = extensionsOf(error)?.response;
  const body = response?.body;
  if (response?.status !== 400 || typeof body !== 'object' || body === null || !('errors' in body) || !Array.isArray(body.errors)) return undefined;
  return { errors: body.errors };
}
