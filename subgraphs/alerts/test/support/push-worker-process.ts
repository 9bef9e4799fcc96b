import { readFileSync } from 'node:fs';
import { createLogger, openDatabase } from '@petcare/service-kit';
import { loadConfig } from '../../src/config.ts';
import { database } from '../../src/database.ts';
import { buildPushDelivery } from '../../src/modules/push/push-delivery.ts';

// One push worker in its own process, built from the alerts config like the service builds it, with
// FCM's hosts routed to the local FCM at LOCAL_FCM_PORT (HTTP/1.1) and LOCAL_FCM_HTTP2_PORT (trusting
// LOCAL_FCM_CA_FILE). Runs until killed.
const config = loadConfig();
const log = createLogger('push-worker-process', config.LOG_LEVEL);
// The worker keeps its own pool; the ORM only brings the database up to date.
await (await openDatabase({ url: config.DATABASE_URL, ...database, log })).close();
const delivery = buildPushDelivery(config, log, {
  connectTo: { host: '127.0.0.1', port: Number(process.env['LOCAL_FCM_PORT']) },
  http2ConnectTo: { host: '127.0.0.1', port: Number(process.env['LOCAL_FCM_HTTP2_PORT']) },
  ca: readFileSync(process.env['LOCAL_FCM_CA_FILE']!, 'utf8'),
});
await delivery.background!.start();
process.stdout.write('started\n');
