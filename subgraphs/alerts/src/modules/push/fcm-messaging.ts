import type https from 'node:https';
import { randomUUID } from 'node:crypto';
import { cert, deleteApp, initializeApp, type App } from 'firebase-admin/app';
import { getMessaging, type Messaging } from 'firebase-admin/messaging';
import type { ServiceAccountKey } from './service-account-key.ts';

/** firebase-admin's Messaging for one service account, over the agent it was opened with. */
export interface FcmMessaging {
  messaging: Messaging;
  projectId: string;
  close(): Promise<void>;
}

/** How firebase-admin sends messages: its default HTTP/2 transport, or its legacy HTTP/1.1 one. */
export type FcmTransport = 'http2' | 'http1';

/**
 * Opens firebase-admin with a service-account key file (the `serviceAccountKey.json` the Firebase console
 * issues). The OAuth token fetch always goes through `agent` (`cert(key, agent)`).
 *
 * - `http2` (the SDK's default): each `sendEach` call opens one HTTP/2 connection to FCM and multiplexes its
 *   messages over it, at most 100 streams at a time (FCM's limit); `agent` is not used for messages. Several
 *   calls in flight (the worker's lanes) are several connections. About half the CPU per message of HTTP/1.1
 *   (see the fcm bench).
 * - `http1` (`enableLegacyHttpTransport`): one request per message over `agent`'s keep-alive pool
 *   (`httpAgent`); for networks whose proxies do not pass HTTP/2.
 */
export function openFcmMessaging(
  account: { file: string; key: ServiceAccountKey },
  agent: https.Agent,
  transport: FcmTransport = 'http2',
): FcmMessaging {
  // By path: google-auth-library applies the agent to a key file's client but not to one built from a
  // parsed object (`fromJSON`), which would fetch the OAuth token around the agent.
  const credential = cert(account.file, agent);
  const key = account.key;
  const app: App = initializeApp({ credential, httpAgent: agent, projectId: key.project_id }, `alerts-push-${randomUUID()}`);
  const messaging = getMessaging(app);
  if (transport === 'http1') messaging.enableLegacyHttpTransport();
  return { messaging, projectId: key.project_id, close: () => deleteApp(app) };
}
