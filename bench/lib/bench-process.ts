import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A process a benchmark started (a gateway or a subgraph under test), with its peak memory. */
export interface BenchProcess {
  name: string;
  pid: number;
  /** Peak resident set size so far (VmHWM), MiB. */
  peakRssMiB(): number;
  /** CPU time (user + system) it has used so far, ms: steadier than req/s on a shared machine. */
  cpuMs(): number;
  /** The last lines it printed, for a failure message. */
  tail(): string;
  stop(): Promise<void>;
}

const nodeBin = process.execPath;

/**
 * Starts a TypeScript entry on the project's Node (no wrapper process, so the pid is the one whose memory is read),
 * with `nodeArgs` before the loader (e.g. --cpu-prof), and waits until `ready()` resolves true.
 */
export async function startBenchProcess(options: {
  name: string;
  entry: string;
  cwd: string;
  env: Record<string, string>;
  nodeArgs?: string[];
  ready: () => Promise<boolean>;
  timeoutMs?: number;
}): Promise<BenchProcess> {
  const proc: ChildProcess = spawn(nodeBin, [...(options.nodeArgs ?? []), '--import', 'tsx', options.entry], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => proc.once('exit', resolve));
  const handle: BenchProcess = {
    name: options.name,
    pid: proc.pid!,
    peakRssMiB: () => {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'))?.[1];
      return Math.round(Number(hwm) / 1024);
    },
    cpuMs: () => {
      // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised name): utime and stime in clock ticks (100/s).
      const fields = readFileSync(`/proc/${proc.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    tail: () => lines.join('\n'),
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      // SIGINT lets a --cpu-prof process write its profile on the way out.
      proc.kill('SIGINT');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${options.name} exited with ${proc.exitCode} while starting:\n${handle.tail()}`);
    if (await options.ready().catch(() => false)) return handle;
    if (Date.now() > deadline) {
      await handle.stop();
      throw new Error(`${options.name} did not become ready:\n${handle.tail()}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** True once a GraphQL endpoint answers `{ __typename }` with 200. */
export async function answersGraphql(url: string): Promise<boolean> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
  await res.arrayBuffer();
  return res.ok;
}
