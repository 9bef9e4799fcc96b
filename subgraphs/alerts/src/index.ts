import { createLogger } from '@petcare/service-kit';
import { loadConfig } from './config.ts';
import { buildAlertsService } from './server.ts';

const config = loadConfig();
const log = createLogger('alerts', config.LOG_LEVEL);
const service = await buildAlertsService(config, log);
const url = await service.server.listen(config.PORT, config.HOST);
log.info({ url }, 'alerts subgraph listening');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log.info({ signal }, 'shutting down');
    service.close().then(() => process.exit(0), (err: unknown) => {
      log.error({ err }, 'unclean shutdown');
      process.exit(1);
    });
  });
}
