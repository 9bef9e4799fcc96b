import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CALLER_HEADER, REQUEST_ID_HEADER, signCallerToken, type Logger } from '@petcare/service-kit';
import type { GatewayContext } from '../context.ts';
import { subgraphUnavailable } from './subgraph-unavailable.ts';
import type { SubgraphMetrics } from './subgraph-metrics.ts';

type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/**
 * Sends each subgraph fetch with the gateway's signed caller token. Subgraphs refuse requests without it,
 * so it goes on every request, anonymous ones too (userId null): "came through the gateway" is what it proves.
 */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    url: string,
    private readonly signingSecret: string,
    private readonly log: Logger,
    private readonly timeoutMs: number,
    private readonly metrics: SubgraphMetrics,
  ) {
    super({ url });
    // Apollo's fetcher waits as long as the subgraph takes: one slow subgraph would hold every request that needs it
    // (and its sockets) forever. Each fetch gets its own deadline, answer body included.
    const fetcher = this.fetcher;
    this.fetcher = (input, init) => fetcher(input, { ...init, signal: AbortSignal.timeout(timeoutMs) } as typeof init);
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Only an incoming operation has a caller; the gateway's own requests (health checks) go out anonymous.
    const caller = 'incomingRequestContext' in options ? options.context.caller : { userId: null, roles: [] };
    options.request.http?.headers.set(CALLER_HEADER, await signCallerToken(this.signingSecret, caller));
    if ('incomingRequestContext' in options) options.request.http?.headers.set(REQUEST_ID_HEADER, options.context.requestId);
  }

  /**
   * A subgraph answers a request it rejects before execution (a variable that fails its scalar, e.g. an invalid
   * e-mail) with HTTP 400 and GraphQL errors; those go to the client as the subgraph wrote them, like execution
   * errors do. Anything else that is not a GraphQL answer (down, 401 to our signature, 5xx) is logged here and
   * reaches the client as SERVICE_UNAVAILABLE, without internal URLs; so does a subgraph slower than its timeout.
   */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const response = await super.process(options);
      this.metrics.observe(this.subgraph, seconds());
      return response;
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
