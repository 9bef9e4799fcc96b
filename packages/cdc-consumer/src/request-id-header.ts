import type { KafkaMessage } from 'kafkajs';
import { headerText } from '@petcare/cdc';

/**
 * The Kafka header naming the client request whose transaction produced a message (the gateway's `x-request-id`),
 * on the outbox topics whose connector places it there (cdc/README.md). Absent on messages no request caused.
 */
export const REQUEST_ID_HEADER = 'requestId';

/** The request id a message carries, or undefined when it carries none (or an empty one). */
export function requestIdOf(message: Pick<KafkaMessage, 'headers'>): string | undefined {
  return headerText(message, REQUEST_ID_HEADER);
}
