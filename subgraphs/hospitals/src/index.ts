import { createLogger, serveUntilSignalled } from '@petcare/service-kit';
import { loadConfig } from './config.ts';
import { buildHospitalsService } from './server.ts';

const config = loadConfig();
const log = createLogger('hospitals', config.LOG_LEVEL);
const service = await buildHospitalsService(config, log);
await serveUntilSignalled('hospitals', service, { port: config.PORT, host: config.HOST, log });
