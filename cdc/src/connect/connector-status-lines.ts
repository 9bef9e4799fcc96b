import type { ConnectClient } from './connect-client.ts';
import { describeStates, summarizeTrace } from './connector-status.ts';

/**
 * One line per registered connector (`users-cdc: RUNNING, task 0 RUNNING`); a failed part adds what failed
 * and its deepest cause (`register` prints the whole trace).
 */
export async function connectorStatusLines(client: ConnectClient): Promise<string[]> {
  const names = await client.connectors();
  if (names.length === 0) return ['no connector registered'];
  const lines: string[] = [];
  for (const name of names) {
    const status = await client.status(name);
    if (!status) lines.push(`${name}: deleted meanwhile`);
    else {
      const failed = [{ part: 'connector', ...status.connector }, ...status.tasks.map((t) => ({ part: `task ${t.id}`, ...t }))].filter((p) => p.trace);
      lines.push([`${name}: ${describeStates(status)}`, ...failed.map((p) => `${p.part}: ${summarizeTrace(p.trace!)}`)].join('\n'));
    }
  }
  return lines;
}
