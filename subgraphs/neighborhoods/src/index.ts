import { createLogger, serveUntilSignalled } from '@petcare/service-kit';
import { loadConfig } from './config.ts';
import { buildNeighborhoodsService } from './server.ts';

const config = loadConfig();
const log = createLogger('neighborhoods', config.LOG_LEVEL);
const service = await buildNeighborhoodsService(config, log);
await serveUntilSignalled('neighborhoods', service, { port: config.PORT, host: config.HOST, log });
