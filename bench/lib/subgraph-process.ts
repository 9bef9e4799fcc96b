import { fileURLToPath } from 'node:url';
import { startBenchProcess, type BenchProcess } from './bench-process.ts';
import { freePort } from './free-port.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A subgraph running as deployed, its own process, for latency "at the subgraph". */
export interface SubgraphProcess {
  url: string;
  process: BenchProcess;
}

/**
 * Starts `subgraphs/<service>/src/index.ts` on `databaseUrl` (already migrated and loaded) as a process of its own,
 * without Kafka, and waits until it answers. Timing a subgraph built inside the benchmark's own process measured the
 * client and the data load's garbage collection too: the p99 was the benchmark's pauses, not the service's.
 */
export async function startSubgraphProcess(service: string, env: { DATABASE_URL: string; GATEWAY_SIGNING_SECRET: string } & Record<string, string>): Promise<SubgraphProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  const process = await startBenchProcess({
    name: service,
    entry: `subgraphs/${service}/src/index.ts`,
    cwd: repoRoot,
    // An empty KAFKA_BROKERS would be refused; the child must not inherit the run's brokers either.
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', KAFKA_BROKERS: undefined as unknown as string },
    ready: async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok,
  });
  return { url, process };
}
