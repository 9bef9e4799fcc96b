import { createLogger } from '@petcare/service-kit';
import { loadConfig } from './config.ts';
import { buildGateway } from './server.ts';

const config = loadConfig();
const log = createLogger('gateway', config.LOG_LEVEL);
const gateway = await buildGateway(config, log);
const url = await gateway.listen(config.PORT, config.HOST);
log.info({ url, supergraph: config.SUPERGRAPH_PATH }, 'gateway listening');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log.info({ signal }, 'shutting down');
    gateway.close().then(() => process.exit(0), (err: unknown) => {
      log.error({ err }, 'unclean shutdown');
      process.exit(1);
    });
  });
}
