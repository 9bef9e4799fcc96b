import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Collects the benchmark process's garbage before a latency series (twice: the first pass finalises what the second
 * frees). The client shares its process with the data imports that precede the series, and a full collection of
 * their garbage in the middle of it was a pause of the client's, counted as the subgraph's latency.
 */
export function settleHeap(): void {
  gc();
  gc();
}
