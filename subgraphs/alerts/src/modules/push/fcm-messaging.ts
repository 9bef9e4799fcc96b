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

/**
 * Opens firebase-admin with a service-account key file (the `serviceAccountKey.json` the Firebase console
 * issues), sending everything — the OAuth token fetch (`cert(key, agent)`) and every message
 * (`httpAgent`) — through `agent`.
 *
 * HTTP/1.1 on purpose (`enableLegacyHttpTransport`): the SDK's default HTTP/2 path opens a new session per
 * `sendEach` call, ignores `httpAgent` and shows GOAWAYs and long tails under load (firebase-admin-node
 * #2943, #2488), while HTTP/1.1 over a bounded keep-alive pool is measured, and is the only path whose
 * destination can be set, so tests run the exact transport production runs.
 */
export function openFcmMessaging(account: { file: string; key: ServiceAccountKey }, agent: https.Agent): FcmMessaging {
  // By path: google-auth-library applies the agent to a key file's client but not to one built from a
  // parsed object (`fromJSON`), which would fetch the OAuth token around the agent.
  const credential = cert(account.file, agent);
  const key = account.key;
  const app: App = initializeApp({ credential, httpAgent: agent, projectId: key.project_id }, `alerts-push-${randomUUID()}`);
  const messaging = getMessaging(app);
  messaging.enableLegacyHttpTransport();
  return { messaging, projectId: key.project_id, close: () => deleteApp(app) };
}
