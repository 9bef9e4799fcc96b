/** What Connect's `GET /connectors/<name>/status` returns (the fields we read). */
export interface ConnectorStatus {
  name: string;
  connector: { state: string; worker_id?: string; trace?: string };
  tasks: { id: number; state: string; worker_id?: string; trace?: string }[];
}

/** Where a connector stands: every part RUNNING, one part FAILED, or on its way (no task yet, restarting…). */
export type ConnectorHealth = 'running' | 'failed' | 'pending';

/** Running only when the connector and at least one task run, all of them; failed as soon as one part failed. */
export function connectorHealth(status: ConnectorStatus): ConnectorHealth {
  const states = [status.connector.state, ...status.tasks.map((t) => t.state)];
  if (states.includes('FAILED')) return 'failed';
  if (status.tasks.length > 0 && states.every((s) => s === 'RUNNING')) return 'running';
  return 'pending';
}

/** One line: `RUNNING, task 0 RUNNING`. */
export function describeStates(status: ConnectorStatus): string {
  const tasks = status.tasks.map((t) => `task ${t.id} ${t.state}`);
  return [status.connector.state, ...(tasks.length ? tasks : ['no task'])].join(', ');
}

/** The states, then the stack trace of each failed part, as Connect reported them. */
export function describeFailure(status: ConnectorStatus): string {
  const traces = [
    ...(status.connector.trace ? [`connector ${status.name}:\n${status.connector.trace}`] : []),
    ...status.tasks.filter((t) => t.trace).map((t) => `task ${t.id}:\n${t.trace}`),
  ];
  return [describeStates(status), ...traces].join('\n');
}

/** A trace in two lines: what failed, and the deepest cause (the part a reader acts on). */
export function summarizeTrace(trace: string): string {
  const lines = trace.split('\n');
  const cause = lines.filter((l) => l.startsWith('Caused by:')).at(-1);
  return [lines[0], ...(cause ? [cause] : [])].join('\n');
}
