import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** How a child's output reaches the terminal: prefixed lines, or kept only for the failure report. */
export type OutputMode = 'prefixed' | 'quiet';

interface Child {
  name: string;
  proc: ChildProcess;
  tail: string[];
  exited: Promise<number | null>;
}

const TAIL_LINES = 40;

/**
 * Runs the stack's processes as one group: output prefixed with the process name, the last lines kept
 * for error reports, and one `stop()` that terminates all of them (SIGTERM, then SIGKILL after a grace period).
 */
export class ChildProcessGroup {
  readonly #children: Child[] = [];
  // Settled by whichever child exits first, including children started after firstExit() was called.
  readonly #firstExit: Promise<{ name: string; code: number | null }>;
  #exitSeen: (exit: { name: string; code: number | null }) => void = () => undefined;

  constructor(private readonly output: OutputMode = 'prefixed') {
    this.#firstExit = new Promise((resolve) => (this.#exitSeen = resolve));
  }

  /** Starts a TypeScript entry point under the current Node (so the project's pinned Node 24 runs it), `nodeArgs` first. */
  startTs(name: string, cwd: string, entry: string, env: Record<string, string>, nodeArgs: readonly string[] = []): void {
    this.#start(name, cwd, process.execPath, [...nodeArgs, '--import', 'tsx', entry], env);
  }

  /** Starts a bash script that execs its program (the JVM of the Kafka Streams app), so signals reach it. */
  startScript(name: string, cwd: string, script: string, env: Record<string, string>): void {
    this.#start(name, cwd, 'bash', [script], env);
  }

  #start(name: string, cwd: string, file: string, args: string[], env: Record<string, string>): void {
    const proc = spawn(file, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const child: Child = {
      name,
      proc,
      tail: [],
      exited: new Promise((resolve) =>
        proc.once('exit', (code) => {
          resolve(code);
          this.#exitSeen({ name, code });
        }),
      ),
    };
    for (const stream of [proc.stdout, proc.stderr]) {
      createInterface({ input: stream! }).on('line', (line) => {
        child.tail.push(line);
        if (child.tail.length > TAIL_LINES) child.tail.shift();
        if (this.output === 'prefixed') process.stdout.write(`[${name}] ${line}\n`);
      });
    }
    this.#children.push(child);
  }

  /** The last lines a process printed, for a failure message. */
  tail(name: string): string {
    return this.#children.find((c) => c.name === name)?.tail.join('\n') ?? '';
  }

  /** Resolves with the name of the first process that exits, so a crash is noticed while waiting. */
  firstExit(): Promise<{ name: string; code: number | null }> {
    return this.#firstExit;
  }

  /** Stops every process: SIGTERM, then SIGKILL for those still running after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    const running = this.#children.filter((c) => c.proc.exitCode === null && c.proc.signalCode === null);
    for (const c of running) c.proc.kill('SIGTERM');
    await Promise.all(
      running.map(async (c) => {
        const timer = setTimeout(() => c.proc.kill('SIGKILL'), graceMs);
        await c.exited;
        clearTimeout(timer);
      }),
    );
  }
}
