import { parseArgs } from 'node:util';
import { startFcmContractServer } from './fcm-contract-server.ts';

// Runs the local FCM in its own process (the bench keeps its CPU apart from the sender's) and prints one
// JSON line, `{"port":…,"http2Port":…,"ca":"…"}`, once it listens. Stops on SIGTERM.
const { values } = parseArgs({
  options: {
    'latency-ms': { type: 'string', default: '0' },
    'quota-per-minute': { type: 'string' },
    'retry-after-seconds': { type: 'string', default: '1' },
  },
});
const server = await startFcmContractServer({
  latencyMs: Number(values['latency-ms']),
  ...(values['quota-per-minute'] ? { quotaPerMinute: Number(values['quota-per-minute']) } : {}),
  retryAfterSeconds: Number(values['retry-after-seconds']),
  // The parent only ever asks for counts.
  countsOnly: true,
});
process.stdout.write(`${JSON.stringify({ port: server.port, http2Port: server.http2Port, ca: server.ca })}\n`);
process.once('SIGTERM', () => {
  // A connection still in its TLS handshake would hold close() open: a stop must not outlive its parent.
  setTimeout(() => process.exit(0), 2000).unref();
  server.close().then(() => process.exit(0));
});
