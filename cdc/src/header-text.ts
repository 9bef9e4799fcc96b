import type { KafkaMessage } from 'kafkajs';

/** A Kafka header's (first) value as text, or undefined when the message has none or an empty one. */
export function headerText(message: Pick<KafkaMessage, 'headers'>, name: string): string | undefined {
  const raw = message.headers?.[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  const text = value === undefined || value === null ? '' : value.toString();
  return text.length > 0 ? text : undefined;
}
