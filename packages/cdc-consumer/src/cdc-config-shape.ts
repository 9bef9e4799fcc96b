import { z } from 'zod';

/** The variables a service that consumes CDC topics adds to its config schema. */
export const cdcConfigShape = {
  /**
   * Kafka brokers, comma separated (e.g. `127.0.0.1:9092`). Unset: the service serves its API but its
   * copies of other services' data stop updating, which it logs loudly at start.
   */
  KAFKA_BROKERS: z
    .string()
    .regex(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, 'must be host:port[,host:port…]')
    .transform((s) => s.split(','))
    .optional(),
  /** Prefix of every CDC topic and consumer group (see systemTopics); empty except in tests. */
  CDC_TOPIC_NAMESPACE: z.string().regex(/^[a-zA-Z0-9_.-]*$/, 'letters, digits, . _ - only').default(''),
} as const;
