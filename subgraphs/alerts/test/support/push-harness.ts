import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createLogger, openDatabase } from '@petcare/service-kit';
import { dropTestDatabase, testDatabaseUrl } from '@petcare/service-kit/testing';
import { startFcmContractServer, type FcmContractServer, type FcmContractServerOptions } from '@petcare/fcm-contract-server';
import { loadConfig } from '../../src/config.ts';
import { database } from '../../src/database.ts';
import { buildPushDelivery, type PushDelivery } from '../../src/modules/push/push-delivery.ts';

/** A service-account key file like the Firebase console's, with a fresh RSA key (the local OAuth endpoint takes any). */
export function writeServiceAccountKey(dir: string, projectId = 'petcare-test'): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const file = join(dir, 'serviceAccountKey.json');
  writeFileSync(
    file,
    JSON.stringify({
      type: 'service_account',
      project_id: projectId,
      private_key_id: randomUUID().replaceAll('-', ''),
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
      client_email: `firebase-adminsdk@${projectId}.iam.gserviceaccount.com`,
      client_id: '100000000000000000000',
      auth_uri: 'https://accounts.google.com/o/oauth2/auth',
      token_uri: 'https://oauth2.googleapis.com/token',
    }),
  );
  return file;
}

/** The alerts database (real migrations), a local FCM, and a key file: what every push test starts from. */
export interface PushHarness {
  orm: MikroORM;
  fcm: FcmContractServer;
  databaseUrl: string;
  keyFile: string;
  /** The env a push worker of these tests runs with (also handed to a worker in a child process). */
  env: Record<string, string>;
  /** A push worker built the production way, from config (FCM_TRANSPORT included), with FCM's hosts routed to the local server. */
  delivery(env?: Record<string, string | undefined>): PushDelivery;
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  /** Inserts `count` devices for a new user (tokens `${prefix}<n>-<user>`); returns the user id. */
  addUser(options?: {
    devices?: number;
    tokenPrefix?: string;
    platform?: 'ANDROID' | 'IOS';
  }): Promise<{ userId: string; tokens: string[] }>;
  close(): Promise<void>;
}

export async function startPushHarness(fcmOptions: FcmContractServerOptions = {}): Promise<PushHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'alerts-push-'));
  const keyFile = writeServiceAccountKey(dir);
  const databaseUrl = testDatabaseUrl('alerts_push');
  const log = createLogger('alerts-push-test', 'silent');
  const orm = await openDatabase({ url: databaseUrl, ...database, log });
  const fcm = await startFcmContractServer(fcmOptions);
  const env = {
    PORT: '0',
    DATABASE_URL: databaseUrl,
    GATEWAY_SIGNING_SECRET: 'test-gateway-signing-secret-0123456789',
    LOG_LEVEL: 'silent',
    FCM_SERVICE_ACCOUNT_FILE: keyFile,
    PUSH_RETRY_BASE_MS: '200',
    PUSH_LEASE_SECONDS: '5',
  };
  const deliveries: PushDelivery[] = [];
  const sql = <T>(query: string, params: unknown[] = []) => orm.em.getConnection().execute<T[]>(query, params);
  return {
    orm,
    fcm,
    databaseUrl,
    keyFile,
    env,
    sql,
    delivery(extra = {}) {
      const d = buildPushDelivery(loadConfig({ ...env, ...extra }), log, {
        connectTo: { host: '127.0.0.1', port: fcm.port },
        http2ConnectTo: { host: '127.0.0.1', port: fcm.http2Port },
        ca: fcm.ca,
      });
      deliveries.push(d);
      return d;
    },
    async addUser({ devices = 1, tokenPrefix = 'ok', platform } = {}) {
      const userId = randomUUID();
      const tokens: string[] = [];
      for (let i = 0; i < devices; i++) {
        const token = `${tokenPrefix}-${i}-${userId}`;
        tokens.push(token);
        await sql('insert into device_copy (id, user_id, token, platform) values (?, ?, ?, ?)', [
          randomUUID(),
          userId,
          token,
          platform ?? (i % 2 ? 'IOS' : 'ANDROID'),
        ]);
      }
      return { userId, tokens };
    },
    async close() {
      for (const d of deliveries) await d.background?.stop();
      await fcm.close();
      await orm.close();
      await dropTestDatabase(databaseUrl);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
