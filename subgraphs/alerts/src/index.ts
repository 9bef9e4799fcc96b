import { createLogger, serveUntilSignalled } from '@petcare/service-kit';
import { loadConfig } from './config.ts';
import { buildAlertsService } from './server.ts';

const config = loadConfig();
const log = createLogger('alerts', config.LOG_LEVEL);
const service = await buildAlertsService(config, log);
await serveUntilSignalled('alerts', service, { port: config.PORT, host: config.HOST, log });
