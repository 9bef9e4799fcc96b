/**
 * V8 flags the gateway process runs with, wherever it is started: `npm start` (scripts/stack), the gateway
 * benchmark, `docker-compose.yml` and the package's `start` script (those two cannot import this file and list
 * the same flags).
 *
 * `--single-threaded-gc`: V8 scavenges on helper threads in parallel by default. The gateway's young collections
 * copy the state of every request in flight (a median 6.7 MB at 50 connections), and on a machine whose cores the
 * subgraphs and PostgreSQL keep busy the helpers wait for a core while the event loop waits for them. Home screen,
 * ours alone, interleaved runs on one kept stack: 541 and 574 req/s, p99 188 and 156 ms, 0.94 and 0.89 ms of gateway
 * CPU per request with it; 443 and 455 req/s, p99 252 and 229 ms, 1.22 and 1.10 ms without.
 */
export const GATEWAY_NODE_FLAGS: readonly string[] = ['--single-threaded-gc'];
