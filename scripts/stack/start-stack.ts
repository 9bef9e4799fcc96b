import { GATEWAY_NODE_FLAGS } from '@petcare/gateway/node-flags';
import { ChildProcessGroup, type OutputMode } from './child-process-group.ts';
import { stackLayout, type StackOptions, type StackProcess } from './stack-layout.ts';
import { waitForHealth } from './wait-for-health.ts';

/** A running stack: where to reach it, and how to stop it. */
export interface RunningStack {
  gatewayUrl: string;
  subgraphs: StackProcess[];
  stop(): Promise<void>;
  /** Resolves when any process of the stack exits on its own. */
  crashed: Promise<{ name: string; code: number | null }>;
}

const HEALTH_TIMEOUT_MS = 90_000;

/**
 * Starts the verification-timers app (it needs only Kafka) and the four subgraphs, waits until each reports
 * healthy, then the gateway; stops all on any failure. The timers app must be built (its build.sh).
 */
export async function startStack(options: StackOptions, output: OutputMode = 'prefixed'): Promise<RunningStack> {
  const { subgraphs, gateway, timers } = stackLayout(options);
  const group = new ChildProcessGroup(output);
  const crashed = group.firstExit();
  const crash: Promise<never> = crashed.then(({ name, code }) => {
    throw new Error(`${name} exited with code ${code} while starting:\n${group.tail(name)}`);
  });
  crash.catch(() => undefined);
  try {
    group.startScript(timers.name, timers.dir, 'run.sh', timers.env);
    for (const s of subgraphs) group.startTs(s.name, s.dir, 'src/index.ts', s.env);
    await Promise.all([...subgraphs, timers].map((s) => waitForHealth(s.healthUrl, HEALTH_TIMEOUT_MS, crash)));
    group.startTs(gateway.name, gateway.dir, 'src/index.ts', gateway.env, GATEWAY_NODE_FLAGS);
    await waitForHealth(gateway.healthUrl, HEALTH_TIMEOUT_MS, crash);
  } catch (error) {
    await group.stop();
    throw error;
  }
  return {
    gatewayUrl: `http://localhost:${gateway.port}/graphql`,
    subgraphs,
    stop: () => group.stop(),
    crashed,
  };
}
