import type { BackgroundWork, Logger } from '@petcare/service-kit';
import type { AlertsConfig } from '../../config.ts';
import { createFcmAgent, type FcmAgentOptions } from './fcm-agent.ts';
import { openFcmMessaging } from './fcm-messaging.ts';
import { routeFcmHttp2 } from './fcm-http2-route.ts';
import { PushWorker } from './push-worker.ts';
import { pushDb } from './push-db.ts';

/** Whether this instance pushes, for /health. */
export type PushStatus = { pushes: 'on'; projectId: string } | { pushes: 'off'; reason: string };

/**
 * Where tests and the bench send FCM's traffic (the local FCM): the OAuth token and HTTP/1.1 messages through
 * the agent (`connectTo`, `ca`), HTTP/2 messages through {@link routeFcmHttp2} (`http2ConnectTo`).
 */
export interface FcmConnect extends Pick<FcmAgentOptions, 'connectTo' | 'ca'> {
  http2ConnectTo?: { host: string; port: number };
}

/** The push worker as background work of the service, and what /health says about it. */
export interface PushDelivery {
  background: BackgroundWork;
  status: PushStatus;
}

const PUSHES_OFF = 'FCM_SERVICE_ACCOUNT_FILE is not set: PUSHES ARE OFF — alerts are stored but no phone is notified';

/**
 * Builds the push worker from the configuration. Without a service-account key it says once and loudly that
 * nothing will be pushed, and the worker still runs every job's inbox part: alerts are stored and listed,
 * whoever asked for them. `connect` routes FCM's hosts elsewhere (the local FCM of tests); production passes
 * nothing.
 */
export function buildPushDelivery(
  config: AlertsConfig,
  log: Logger,
  connect: FcmConnect = {},
): PushDelivery {
  const account = config.FCM_SERVICE_ACCOUNT_FILE;
  if (!account) log.warn(PUSHES_OFF);
  const { http2ConnectTo, ...agentConnect } = connect;
  const overHttp2 = config.FCM_TRANSPORT === 'http2';
  // Over HTTP/2 the agent carries only the OAuth token: a couple of connections are plenty.
  const agent = account ? createFcmAgent({ maxSockets: overHttp2 ? 2 : config.FCM_CONCURRENCY, ...agentConnect }) : null;
  const fcm = account && agent ? openFcmMessaging(account, agent, config.FCM_TRANSPORT) : null;
  const unroute = fcm && overHttp2 && http2ConnectTo && connect.ca ? routeFcmHttp2({ ...http2ConnectTo, ca: connect.ca }) : null;
  // One connection per lane, one for claiming and leases, one spare.
  const db = pushDb(config.DATABASE_URL, config.FCM_LANES + 2, log);
  const worker = new PushWorker({
    db,
    fcm,
    log: log.child({ component: 'push' }),
    messagesPerMinute: config.FCM_MESSAGES_PER_MINUTE,
    batchSize: config.FCM_BATCH_SIZE,
    lanes: config.FCM_LANES,
    leaseMs: config.PUSH_LEASE_SECONDS * 1000,
    pollMs: 250,
    backoff: { baseMs: config.PUSH_RETRY_BASE_MS, maxMs: config.PUSH_RETRY_MAX_MS, maxAttempts: config.PUSH_MAX_ATTEMPTS },
    androidChannelId: config.FCM_ANDROID_CHANNEL_ID,
  });
  let closed: Promise<void> | null = null;
  return {
    status: fcm ? { pushes: 'on', projectId: fcm.projectId } : { pushes: 'off', reason: PUSHES_OFF },
    background: {
      start: () => worker.start(),
      stop: () =>
        (closed ??= (async () => {
          await worker.stop();
          await db.close();
          await fcm?.close();
          agent?.destroy();
          unroute?.();
        })()),
    },
  };
}
