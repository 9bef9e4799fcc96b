import { createLogger } from '@petcare/service-kit';
import { loadConfig } from './config.ts';
import { buildHospitalsService } from './server.ts';

const config = loadConfig();
const log = createLogger('hospitals', config.LOG_LEVEL);
const service = await buildHospitalsService(config, log);
const url = await service.server.listen(config.PORT, config.HOST);
log.info({ url }, 'hospitals subgraph listening');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log.info({ signal }, 'shutting down');
    service.close().then(() => process.exit(0), (err: unknown) => {
      log.error({ err }, 'unclean shutdown');
      process.exit(1);
    });
  });
}
