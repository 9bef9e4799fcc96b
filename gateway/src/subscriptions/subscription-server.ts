import type http from 'node:http';
import {
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { WebSocketServer } from 'ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import type { Context } from 'graphql-ws';
import { badUserInput, unauthenticated, type Caller, type Logger } from '@petcare/service-kit';
import { AccessTokenError, type VerifiedAuthorization } from '../identity/caller-from-authorization.ts';
import { authorizationFromConnectionParams } from './connection-authorization.ts';
import { SubscriptionCloseCode } from './close-codes.ts';
import type { AlertFeed } from './alert-feed.ts';
import { planAlertSubscription, type AlertSubscriptionPlan, type PlannedQuery } from './alert-subscription-plan.ts';
import { withTokenLimitNamed, type QueryLimits } from '../validation/query-limits.ts';
import { costLimitError } from '../validation/cost-limit.ts';
import type { TrustedDocuments } from '../trusted-documents/trusted-documents.ts';
import { inputError } from '../validation/input-check.ts';
import { openAlertStream, type StreamEnd } from './alert-stream.ts';
import type { AlertPosition } from './alert-position.ts';

/** What the subscription server needs from the gateway. */
export interface SubscriptionServerOptions {
  httpServer: http.Server;
  /** The gateway's GraphQL path; WebSocket upgrades to it are graphql-ws connections. */
  path: string;
  /** The supergraph's API schema, once the gateway has loaded it. */
  schema(): GraphQLSchema | undefined;
  /** Rules beyond graphql-js's own that HTTP operations pass too (depth, aliases, directives). */
  validationRules: readonly ValidationRule[];
  /** The HTTP path's token and cost limits, applied here the same way. */
  limits: Pick<QueryLimits, 'maxTokens' | 'maxCost'>;
  /** The registered operations: subscriptions are resolved and refused by them exactly as HTTP operations. */
  trusted: TrustedDocuments;
  /** Verifies an Authorization value exactly as HTTP requests are verified. */
  verify(authorization: string | undefined): Promise<VerifiedAuthorization>;
  /** The process's live alerts feed; null when the gateway runs without Kafka (subscriptions are refused). */
  feed: AlertFeed | null;
  /** Runs a query through the gateway's own executor (planner, signed subgraph fetches) as `caller`. */
  execute(caller: Caller, query: PlannedQuery): Promise<FormattedExecutionResult>;
  /**
   * Where the gateway learns of deleted accounts while it runs (ErasedAccounts), or null without Kafka: an open
   * connection of an account deleted meanwhile is closed with 4401, and a signed-in connection is closed with 1013
   * (clients retry) until the accounts deleted before this gateway started have been read.
   */
  erasures: { readonly caughtUp: boolean; has(userId: string): boolean; onErased(listener: (userId: string) => void): () => void } | null;
  /** Alerts one subscription may have waiting before its connection is closed with 1013. */
  queueLimit: number;
  /** Subscriptions one connection may hold at once. */
  perConnection: number;
  log: Logger;
  /** The client's address of an upgrade request, by the HTTP path's rule (TRUST_PROXY), for log lines. */
  clientAddress(request: http.IncomingMessage): string | undefined;
}

/** The WebSocket side of the gateway. */
export interface SubscriptionServer {
  /** Closes every connection (1001, clients retry elsewhere) and stops accepting new ones. */
  dispose(): Promise<void>;
}

/** Per connection: who is connected, and what ends when the connection does. */
interface Session {
  caller: Caller;
  socket: Extra['socket'];
  expiresAt: number | null;
  closed: AbortController;
  expiry: NodeJS.Timeout | null;
}

/** What onSubscribe hands to subscribe() through graphql-ws's execution arguments. */
interface SubscriptionContext {
  session: Session;
  socket: Extra['socket'];
  plan: AlertSubscriptionPlan;
  resume: { after: string; floor: AlertPosition } | null;
}

// setTimeout's limit; tokens live 30 days, so an expiry timer re-arms itself until it is near.
const MAX_TIMER_MS = 2 ** 31 - 1;
// How long a subscribe waits for a gateway that has just started to join the alerts feed.
const FEED_READY_TIMEOUT_MS = 15_000;
const MAX_MESSAGE_BYTES = 1024 * 1024;
const unavailable = (message: string) => new GraphQLError(message, { extensions: { code: 'SERVICE_UNAVAILABLE' } });
const AFTER_QUERY = 'query AlertAddedAfter($id: ID!) { alert(id: $id) { id createdAt } }';
const NEWEST_QUERY = 'query AlertAddedNewest { alerts(first: 1) { nodes { id createdAt } } }';

/**
 * Serves `alertAdded` over graphql-ws on the gateway's own HTTP server and path (`ws://host:port/graphql`).
 *
 * The connection_init payload carries the same bearer token as HTTP, verified the same way; a forged or expired
 * one closes the socket with 4401, and so does the token's expiry while connected. Each subscribe message is
 * parsed and validated against the API schema with the HTTP path's rules, then planned (alertAdded becomes
 * `alert(id:)` with the client's selection) and served by an AlertStream fed from this process's AlertFeed.
 */
export function attachSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const { log } = options;
  const sessions = new WeakMap<Context<Record<string, unknown>, Extra>, Session>();
  const rules = [...specifiedRules, ...options.validationRules];
  const wsServer = new WebSocketServer({ server: options.httpServer, path: options.path, maxPayload: MAX_MESSAGE_BYTES });

  const close = (socket: Extra['socket'], session: Session, code: number, reason: string) => {
    session.closed.abort();
    socket.close(code, reason);
  };

  // The open connections of each signed-in user, so a deletion read while they are open ends them.
  const byUser = new Map<string, Set<Session>>();
  const track = (session: Session) => {
    const userId = session.caller.userId?.toLowerCase();
    if (!userId) return;
    const sessions = byUser.get(userId) ?? new Set<Session>();
    sessions.add(session);
    byUser.set(userId, sessions);
  };
  const untrack = (session: Session) => {
    const userId = session.caller.userId?.toLowerCase();
    const sessions = userId ? byUser.get(userId) : undefined;
    if (!sessions) return;
    sessions.delete(session);
    if (sessions.size === 0) byUser.delete(userId!);
  };
  const stopWatchingErasures = options.erasures?.onErased((userId) => {
    const sessions = byUser.get(userId);
    if (!sessions) return;
    byUser.delete(userId);
    log.info({ userId, connections: sessions.size }, 'closing subscription connections: their account was deleted');
    for (const session of sessions) close(session.socket, session, SubscriptionCloseCode.Unauthorized, 'this account was deleted: sign up or sign in again');
  });

  const armExpiry = (socket: Extra['socket'], session: Session) => {
    if (session.expiresAt === null) return;
    const wait = Math.max(0, Math.min(session.expiresAt - Date.now(), MAX_TIMER_MS));
    session.expiry = setTimeout(() => {
      if (session.expiresAt !== null && Date.now() < session.expiresAt) return armExpiry(socket, session);
      log.info({ userId: session.caller.userId }, 'closing a subscription connection: its access token expired');
      close(socket, session, SubscriptionCloseCode.Unauthorized, 'access token expired: sign in again');
    }, wait);
  };

  const endStream = (socket: Extra['socket'], session: Session, why: StreamEnd) => {
    if (why.reason === 'overflow') {
      log.warn(
        { userId: session.caller.userId, queued: why.queued, limit: options.queueLimit },
        'closing a subscription connection that is not reading: its alert queue is full',
      );
      close(socket, session, SubscriptionCloseCode.TryAgainLater, 'too many alerts waiting: reconnect with after');
    } else {
      log.warn({ userId: session.caller.userId, detail: why.detail }, 'closing a subscription connection: live alerts are unavailable');
      close(socket, session, SubscriptionCloseCode.TryAgainLater, 'live alerts interrupted: reconnect with after');
    }
  };

  const position = (alert: { id: string; createdAt: string }): AlertPosition => ({
    id: alert.id.toLowerCase(),
    createdAt: Date.parse(alert.createdAt),
  });

  /** The position of the client's `after`, which must be one of the caller's alerts. */
  const positionOfAfter = async (caller: Caller, after: string): Promise<AlertPosition | GraphQLError> => {
    const result = await options.execute(caller, { query: AFTER_QUERY, operationName: 'AlertAddedAfter', variables: { id: after } });
    const alert = result.data?.['alert'] as { id: string; createdAt: string } | null | undefined;
    if (alert) return position(alert);
    const error = result.errors?.[0];
    if (!error) return badUserInput('after', 'is not the id of one of your alerts');
    if (error.extensions?.['code'] === 'BAD_USER_INPUT') return badUserInput('after', 'must be an alert id (a UUID)');
    return unavailable(`could not look up after: ${error.message}`);
  };

  /**
   * Without `after`, delivery starts after the newest alert the caller has now: a replay of an older event is then
   * refused by position, and an alert stored between this read and the feed listening comes from the backlog.
   */
  const newestOf = async (caller: Caller): Promise<AlertPosition | null | GraphQLError> => {
    const result = await options.execute(caller, { query: NEWEST_QUERY, operationName: 'AlertAddedNewest', variables: {} });
    const nodes = (result.data?.['alerts'] as { nodes: { id: string; createdAt: string }[] } | null | undefined)?.nodes;
    if (nodes) return nodes[0] ? position(nodes[0]) : null;
    return unavailable(`could not read your alerts: ${result.errors?.[0]?.message ?? 'no data'}`);
  };

  const disposable = useServer<Record<string, unknown>, Record<string, never>>(
    {
      onConnect: async (ctx) => {
        const { socket, request } = ctx.extra;
        let verified: VerifiedAuthorization;
        try {
          verified = await options.verify(authorizationFromConnectionParams(ctx.connectionParams));
        } catch (error) {
          if (!(error instanceof AccessTokenError)) throw error;
          log.warn(
            { reason: error.message, ip: options.clientAddress(request) },
            'refused a subscription connection with an unusable access token',
          );
          socket.close(SubscriptionCloseCode.Unauthorized, error.message);
          return false;
        }
        if (verified.caller.userId && options.erasures && !options.erasures.caughtUp) {
          log.info({ ip: options.clientAddress(request) }, 'refused a signed-in subscription connection: still reading deleted accounts');
          socket.close(SubscriptionCloseCode.TryAgainLater, 'the gateway is starting: reconnect shortly');
          return false;
        }
        const session: Session = { caller: verified.caller, socket, expiresAt: verified.expiresAt, closed: new AbortController(), expiry: null };
        sessions.set(ctx, session);
        // A deletion read from here on finds this session; one read since verify() looked is caught by has().
        track(session);
        if (verified.caller.userId && options.erasures?.has(verified.caller.userId)) {
          untrack(session);
          socket.close(SubscriptionCloseCode.Unauthorized, 'this account was deleted: sign up or sign in again');
          return false;
        }
        armExpiry(socket, session);
        return true;
      },

      onSubscribe: async (ctx, _id, payload) => {
        const session = sessions.get(ctx)!;
        if (Object.keys(ctx.subscriptions).length > options.perConnection) {
          return [
            new GraphQLError(`a connection may hold at most ${options.perConnection} subscriptions; complete one first`, {
              extensions: { code: 'BAD_REQUEST' },
            }),
          ];
        }
        const schema = options.schema();
        if (!schema) return [unavailable('the gateway is starting; subscribe again shortly')];
        const resolved = options.trusted.resolve(payload);
        if ('refused' in resolved) return [new GraphQLError(resolved.refused.message, { extensions: { code: resolved.refused.code } })];
        const query = 'query' in resolved ? resolved.query : payload.query;
        let document;
        try {
          document = parse(query, { maxTokens: options.limits.maxTokens });
        } catch (error) {
          if (error instanceof GraphQLError) {
            const named = withTokenLimitNamed({ message: error.message, extensions: error.extensions });
            return [named.message === error.message ? error : new GraphQLError(named.message, { extensions: named.extensions })];
          }
          throw error;
        }
        const invalid = validate(schema, document, rules);
        if (invalid.length > 0) return invalid;
        const tooCostly = costLimitError(schema, document, payload.operationName, payload.variables, options.limits.maxCost);
        if (tooCostly) return [tooCostly];
        const badInput = inputError(schema, document, payload.operationName, payload.variables);
        if (badInput) return [badInput];
        let plan: AlertSubscriptionPlan;
        try {
          plan = planAlertSubscription(schema, document, payload.variables);
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        const { caller } = session;
        if (!caller.userId)
          return [unauthenticated('sign in first: alertAdded needs {"Authorization": "Bearer <token>"} in the connection_init payload')];
        if (!options.feed) return [unavailable('live alerts are not available: this gateway runs without KAFKA_BROKERS')];
        if (!(await options.feed.whenReady(FEED_READY_TIMEOUT_MS)))
          return [unavailable('live alerts are not available right now; subscribe again shortly')];
        const start = plan.after ? await positionOfAfter(caller, plan.after) : await newestOf(caller);
        if (start instanceof GraphQLError) return [start];
        const resume = start ? { after: start.id, floor: start } : null;
        const contextValue: SubscriptionContext = { session, socket: ctx.extra.socket, plan, resume };
        return { schema, document, variableValues: payload.variables, operationName: payload.operationName, contextValue };
      },

      subscribe: (args) => {
        const { session, socket, plan, resume } = args.contextValue as SubscriptionContext;
        const stream = openAlertStream({
          feed: options.feed!,
          userId: session.caller.userId!,
          plan,
          resume,
          execute: (query) => options.execute(session.caller, query),
          queueLimit: options.queueLimit,
          end: (why) => endStream(socket, session, why),
          connectionSignal: session.closed.signal,
          log,
        });
        // graphql-ws types results as graphql-js ExecutionResults; these are Apollo's formatted ones, which only
        // onNext (below) sees and sends as they are.
        return stream as unknown as AsyncIterable<ExecutionResult>;
      },

      // Results come already formatted by Apollo's executor (plain error objects): sent as they are.
      onNext: (_ctx, _id, _payload, _args, result) => result as FormattedExecutionResult,

      onClose: (ctx) => {
        const session = sessions.get(ctx);
        if (!session) return;
        untrack(session);
        session.closed.abort();
        if (session.expiry) clearTimeout(session.expiry);
      },
    },
    wsServer,
  );

  return {
    dispose: async () => {
      stopWatchingErasures?.();
      // graphql-ws closes each socket with 1001 and waits for the handshakes; a client that no longer reads would
      // hold shutdown for ws's 30 s close timeout, so whatever is still open after a second is cut.
      const cut = setTimeout(() => {
        for (const client of wsServer.clients) client.terminate();
      }, 1_000);
      try {
        await disposable.dispose();
      } finally {
        clearTimeout(cut);
      }
    },
  };
}
