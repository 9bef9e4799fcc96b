import type { KafkaMessage } from 'kafkajs';

/**
 * The Kafka header naming the client request whose transaction produced a message (the gateway's `x-request-id`),
 * on the outbox topics whose connector places it there (cdc/README.md). Absent on messages no request caused.
 */
export const REQUEST_ID_HEADER = 'requestId';

/** The request id a message carries, or undefined when it carries none (or an empty one). */
export function requestIdOf(message: Pick<KafkaMessage, 'headers'>): string | undefined {
  const raw = message.headers?.[REQUEST_ID_HEADER];
  const value = Array.isArray(raw) ? raw[0] : raw;
  const text = value === undefined || value === null ? '' : value.toString();
  return text.length > 0 ? text : undefined;
}
