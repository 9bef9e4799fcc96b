import { pino, type Logger } from 'pino';

/** One structured logger per service; the `service` field tells the four apart in a shared terminal. */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({ name: service, level, base: { service } });
}

export type { Logger };
