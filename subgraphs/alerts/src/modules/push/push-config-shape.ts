import { z } from 'zod';
import { readServiceAccountKey } from './service-account-key.ts';

const positiveInt = (max = Number.MAX_SAFE_INTEGER) => z.coerce.number().int().min(1).max(max);

/** The variables of push delivery, spread into the alerts config schema. */
export const pushConfigShape = {
  /**
   * Path of the service-account key JSON the Firebase console issues (Project settings → Service accounts).
   * Unset: alerts are stored and listed but nothing is pushed, which the service says at start and in /health.
   * Set but unreadable or not a key: the service does not start.
   */
  FCM_SERVICE_ACCOUNT_FILE: z
    .string()
    .min(1)
    .transform((file, ctx) => {
      try {
        return { file, key: readServiceAccountKey(file) };
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    })
    .optional(),
  /** The Firebase project's FCM quota, shared by every alerts instance (a row in PostgreSQL keeps the pace). */
  FCM_MESSAGES_PER_MINUTE: positiveInt().default(600_000),
  /**
   * firebase-admin's transport for messages: `http2` (its default; one connection per `sendEach` call, 100
   * streams each) or `http1` (its legacy transport over a keep-alive pool of FCM_CONCURRENCY connections, for
   * networks that do not pass HTTP/2).
   */
  FCM_TRANSPORT: z.enum(['http2', 'http1']).default('http2'),
  /** With FCM_TRANSPORT=http1: parallel HTTP requests to FCM (keep-alive connections of the agent). */
  FCM_CONCURRENCY: positiveInt(4096).default(256),
  /** Messages per `sendEach` call; FCM's maximum is 500. */
  FCM_BATCH_SIZE: positiveInt(500).default(500),
  /**
   * `sendEach` calls in flight per worker (with http2, also its connections to FCM). Over HTTP/2 a call of 500
   * takes at least five round trips (100 streams per connection): the fcm bench measured 3,125 msg/s with 3
   * lanes and 6,536 with 16, and runs with 16. The default stays 3 because each lane books its next batch's
   * rate-limit slot ahead, and at a small quota 32 booked slots of two workers outlast the job (the 600/min
   * test took over 150 s with 16); at FCM's 600,000/min a slot of 500 is 50 ms.
   */
  FCM_LANES: positiveInt(64).default(3),
  /** The Android notification channel the app creates for alerts. */
  FCM_ANDROID_CHANNEL_ID: z.string().min(1).default('alerts'),
  /** Seconds a worker holds a job without renewing; a crashed worker's job is resumed after this. */
  PUSH_LEASE_SECONDS: positiveInt(3600).default(30),
  /** Sends of one message (UNAVAILABLE, INTERNAL, QUOTA_EXCEEDED, network) before it is recorded failed. */
  PUSH_MAX_ATTEMPTS: positiveInt(50).default(6),
  /** First retry delay in ms (doubling, jittered, never under FCM's Retry-After). */
  PUSH_RETRY_BASE_MS: positiveInt().default(1000),
  /** Longest retry delay in ms (QUOTA_EXCEEDED still waits at least a minute). */
  PUSH_RETRY_MAX_MS: positiveInt().default(300_000),
} as const;
