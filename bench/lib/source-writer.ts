import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import pg from 'pg';

/** One scenario's writes: `total` rows from id `firstId` at `rate` per second into the source's `item` table. */
export interface WriteJob {
  firstId: number;
  total: number;
  rate: number;
}

/** The source's writer, on a thread of its own: see openSourceWriter. */
export interface SourceWriter {
  /** Inserts the rows, each its own transaction, 8 in flight (16 above 2,000/s); resolves with the rate achieved. */
  write(job: WriteJob): Promise<number>;
  close(): Promise<void>;
}

const MAX_IN_FLIGHT = 16;

async function serve(url: string, port: NonNullable<typeof parentPort>): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: MAX_IN_FLIGHT });
  // Every connection is opened before the first scenario, so none is forked inside a measured second.
  await Promise.all(Array.from({ length: MAX_IN_FLIGHT }, () => pool.query('select 1')));
  port.on('message', async (job: WriteJob | 'close') => {
    if (job === 'close') {
      await pool.end();
      port.close();
      return;
    }
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < job.total) {
        const index = next++;
        const wait = started + (index / job.rate) * 1000 - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const id = job.firstId + index;
        await pool.query('insert into item (id, payload) values ($1, $2)', [id, `change ${id}`]);
      }
    };
    await Promise.all(Array.from({ length: job.rate > 2000 ? MAX_IN_FLIGHT : 8 }, worker));
    port.postMessage(job.total / ((performance.now() - started) / 1000));
  });
  port.postMessage('ready');
}

/**
 * Starts the writer of the source database at `url` on a worker thread, its connections open. On the consumer's
 * thread the writes took three quarters of its busy time at 5,000/s (`--cpu-prof`: the pool's socket writes), so the
 * latency measured was the writer's as much as the consumer's; a service's consumer shares its loop with no such
 * writer. Started once, before the scenarios: loading a thread's modules inside one took the CPU from its first second.
 */
export async function openSourceWriter(url: string): Promise<SourceWriter> {
  const thread = new Worker(new URL(import.meta.url), { workerData: url });
  let failed: Error | null = null;
  const exited = new Promise((resolve) => thread.once('exit', resolve));
  const next = () =>
    new Promise<unknown>((resolve, reject) => {
      if (failed) return reject(failed);
      const onError = (error: Error) => reject(error);
      thread.once('error', onError);
      thread.once('message', (value: unknown) => {
        thread.off('error', onError);
        resolve(value);
      });
    });
  thread.on('error', (error) => (failed = error));
  await next();
  return {
    async write(job) {
      const achieved = next();
      thread.postMessage(job);
      return (await achieved) as number;
    },
    async close() {
      thread.postMessage('close');
      await exited;
    },
  };
}

if (!isMainThread && parentPort) await serve(workerData as string, parentPort);
