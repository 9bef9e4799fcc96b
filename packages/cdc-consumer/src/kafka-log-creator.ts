import { logLevel, type logCreator } from 'kafkajs';
import type { Logger } from 'pino';

/** Routes kafkajs's own logging into the service's pino logger, at matching levels. */
export function kafkaLogCreator(log: Logger): logCreator {
  return () => ({ level, log: entry }) => {
    const { message, ...rest } = entry;
    if (level === logLevel.ERROR) log.error(rest, message);
    else if (level === logLevel.WARN) log.warn(rest, message);
    else if (level === logLevel.INFO) log.info(rest, message);
    else log.debug(rest, message);
  };
}
