import { ConnectClient } from './connect-client.ts';
import { connectUrl } from './connect-settings.ts';
import { connectorHealth, describeFailure, describeStates, type ConnectorStatus } from './connector-status.ts';

/** How long to wait, and for how long RUNNING must hold before it counts. */
export interface WaitOptions {
  timeoutMs?: number;
  /**
   * RUNNING must be seen on polls at least this far apart (default 1 s): right after a PUT or a restart
   * Connect can still report the previous instance, and a task that dies on its first connection to
   * PostgreSQL shows up within that second.
   */
  stableMs?: number;
  client?: ConnectClient;
}

/** A connector or one of its tasks reported FAILED; the message holds Connect's stack trace. */
export class ConnectorFailedError extends Error {
  constructor(readonly status: ConnectorStatus) {
    super(`connector ${status.name} FAILED: ${describeFailure(status)}`);
    this.name = 'ConnectorFailedError';
  }
}

/** A connector did not reach RUNNING in time; the message holds the last state seen. */
export class ConnectorTimeoutError extends Error {
  constructor(name: string, timeoutMs: number, last: string) {
    super(`connector ${name} not RUNNING after ${timeoutMs / 1000}s (last seen: ${last})`);
    this.name = 'ConnectorTimeoutError';
  }
}

/**
 * Waits until a connector and all its tasks report RUNNING, stably. Throws ConnectorFailedError (with the
 * failed part's trace) as soon as something FAILED, or an error with the last state seen at the timeout.
 */
export async function waitForConnectorRunning(name: string, timeoutOrOptions: number | WaitOptions = {}): Promise<void> {
  const options = typeof timeoutOrOptions === 'number' ? { timeoutMs: timeoutOrOptions } : timeoutOrOptions;
  const { timeoutMs = 90_000, stableMs = 1_000, client = new ConnectClient(connectUrl) } = options;
  const deadline = Date.now() + timeoutMs;
  let runningSince: number | undefined;
  let last = 'not registered';
  for (;;) {
    try {
      const status = await client.status(name);
      const health = status ? connectorHealth(status) : 'pending';
      if (status) last = describeStates(status);
      if (health === 'failed') throw new ConnectorFailedError(status!);
      if (health === 'running') {
        runningSince ??= Date.now();
        if (Date.now() - runningSince >= stableMs) return;
      } else {
        runningSince = undefined;
      }
    } catch (error) {
      if (error instanceof ConnectorFailedError) throw error;
      // Connect restarting (the fault tests kill it) answers nothing for a while: keep waiting.
      runningSince = undefined;
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() >= deadline) throw new ConnectorTimeoutError(name, timeoutMs, last);
    await new Promise((r) => setTimeout(r, 250));
  }
}
