import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import pg from 'pg';

/** One scenario's writes: `total` rows from id `firstId` at `rate` per second into `item` of the database at `url`. */
interface WriteJob {
  url: string;
  firstId: number;
  total: number;
  rate: number;
}

/** Inserts the rows, each its own transaction, with up to 8 in flight (16 above 2,000/s); returns the rate achieved. */
async function write({ url, firstId, total, rate }: WriteJob): Promise<number> {
  const concurrency = rate > 2000 ? 16 : 8;
  const pool = new pg.Pool({ connectionString: url, max: concurrency });
  try {
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < total) {
        const index = next++;
        const wait = started + (index / rate) * 1000 - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const id = firstId + index;
        await pool.query('insert into item (id, payload) values ($1, $2)', [id, `change ${id}`]);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return total / ((performance.now() - started) / 1000);
  } finally {
    await pool.end();
  }
}

/**
 * Runs the source's writes on a thread of their own. On the consumer's thread they took three quarters of its busy
 * time at 5,000/s (`--cpu-prof`: the pool's socket writes), so the latency measured was the writer's as much as the
 * consumer's; a service's consumer shares its event loop with no such writer.
 */
export function writeSourceRows(job: WriteJob): Promise<number> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(new URL(import.meta.url), { workerData: job });
    thread.once('message', (achieved: number) => resolve(achieved));
    thread.once('error', reject);
    thread.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`the source writer's thread exited with ${code}`))));
  });
}

if (!isMainThread && parentPort) parentPort.postMessage(await write(workerData as WriteJob));
