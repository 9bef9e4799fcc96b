import type { Logger } from 'pino';
import type { SubgraphServer } from './create-subgraph-server.ts';

/** A built service as its `index.ts` runs it. */
export interface RunnableService {
  server: SubgraphServer;
  /** Work beside the API, started once it listens (e.g. CDC consumers). */
  startBackground?(): Promise<void>;
  /** Stops background work, the server and the database, in that order. */
  close(): Promise<void>;
}

/**
 * Listens, starts background work, and shuts down cleanly on SIGINT/SIGTERM (exit 0), or exits 1 when
 * shutdown itself fails, so a supervisor sees the difference.
 */
export async function serveUntilSignalled(
  name: string,
  service: RunnableService,
  options: { port: number; host: string; log: Logger },
): Promise<void> {
  const { log } = options;
  const url = await service.server.listen(options.port, options.host);
  log.info({ url }, `${name} subgraph listening`);
  await service.startBackground?.();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'shutting down');
      service.close().then(
        () => process.exit(0),
        (err: unknown) => {
          log.error({ err }, 'unclean shutdown');
          process.exit(1);
        },
      );
    });
  }
}
