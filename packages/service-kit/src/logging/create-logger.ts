import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * One structured logger per service; the `service` field tells the four apart in a shared terminal.
 * `destination` (standard output by default) lets a test read the lines a service writes.
 */
export function createLogger(service: string, level = 'info', destination?: DestinationStream): Logger {
  return destination ? pino({ name: service, level, base: { service } }, destination) : pino({ name: service, level, base: { service } });
}

export type { Logger };
