import { createLogger, serveUntilSignalled } from '@petcare/service-kit';
import { loadConfig } from './config.ts';
import { buildUsersService } from './server.ts';

const config = loadConfig();
const log = createLogger('users', config.LOG_LEVEL);
const service = await buildUsersService(config, log);
await serveUntilSignalled('users', service, { port: config.PORT, host: config.HOST, log });
