import { logLevel, type logCreator } from 'kafkajs';
import type { Logger } from 'pino';

/**
 * Routes kafkajs's own logging into the service's pino logger, at matching levels. `watch` sees every entry
 * first: some of kafkajs's decisions (resetting a lost offset) are visible only in its log.
 */
export function kafkaLogCreator(log: Logger, watch?: (message: string, extra: Record<string, unknown>) => void): logCreator {
  return () => ({ level, log: entry }) => {
    const { message, ...rest } = entry;
    watch?.(message, rest);
    if (level === logLevel.ERROR) log.error(rest, message);
    else if (level === logLevel.WARN) log.warn(rest, message);
    else if (level === logLevel.INFO) log.info(rest, message);
    else log.debug(rest, message);
  };
}
