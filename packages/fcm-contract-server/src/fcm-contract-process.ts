import { spawn, type ChildProcess } from 'node:child_process';
import https from 'node:https';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ContractSummary, FcmContractServerOptions } from './fcm-contract-server.ts';

/** The local FCM running in a child process: its pid (to read its CPU apart), port, CA, and counts over HTTP. */
export interface FcmContractProcess {
  pid: number;
  port: number;
  http2Port: number;
  ca: string;
  summary(): Promise<ContractSummary>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Starts `main.ts` on the same Node (with tsx) and waits for the line that says where it listens. */
export async function startFcmContractProcess(options: Omit<FcmContractServerOptions, 'port'> = {}): Promise<FcmContractProcess> {
  const args = [
    '--import',
    'tsx',
    fileURLToPath(new URL('./main.ts', import.meta.url)),
    '--latency-ms',
    String(options.latencyMs ?? 0),
    '--retry-after-seconds',
    String(options.retryAfterSeconds ?? 1),
  ];
  if (options.quotaPerMinute !== undefined) args.push('--quota-per-minute', String(options.quotaPerMinute));
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`fcm contract server exited with ${code} before listening`)));
  });
  const { port, http2Port, ca } = JSON.parse(first) as { port: number; http2Port: number; ca: string };
  const call = (method: string, path: string) =>
    new Promise<unknown>((resolve, reject) => {
      const req = https.request({ host: '127.0.0.1', port, method, path, ca, servername: 'fcm.googleapis.com' }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      });
      req.on('error', reject);
      req.end();
    });
  return {
    pid: child.pid!,
    port,
    http2Port,
    ca,
    summary: async () => (await call('GET', '/__contract/summary')) as ContractSummary,
    reset: async () => {
      await call('POST', '/__contract/reset');
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
