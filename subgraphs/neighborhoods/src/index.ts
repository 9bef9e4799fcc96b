import { createLogger } from '@petcare/service-kit';
import { loadConfig } from './config.ts';
import { buildNeighborhoodsService } from './server.ts';

const config = loadConfig();
const log = createLogger('neighborhoods', config.LOG_LEVEL);
const service = await buildNeighborhoodsService(config, log);
const url = await service.server.listen(config.PORT, config.HOST);
log.info({ url }, 'neighborhoods subgraph listening');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log.info({ signal }, 'shutting down');
    service.close().then(() => process.exit(0), (err: unknown) => {
      log.error({ err }, 'unclean shutdown');
      process.exit(1);
    });
  });
}
