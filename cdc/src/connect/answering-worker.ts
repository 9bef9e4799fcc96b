import { ConnectClient } from './connect-client.ts';

/** The Connect worker a connector command talks to, and the line that says which one answered. */
export interface AnsweringWorker {
  client: ConnectClient;
  /** `connect: worker 2 of 2 answered (…); worker 1 did not (…)`; empty for a group of one worker, where there is no choice. */
  line: string;
}

/**
 * Tries the workers of one Connect group in turn and returns the first that is ready. Any worker of a group
 * serves the whole REST API (it forwards writes to the group's leader), so with one worker down — the HA
 * profile's two workers, `cdc.sh start --ha` — register, unregister and status go on through the other.
 * Throws when none is ready, naming them all.
 */
export async function answeringWorker(urls: readonly string[]): Promise<AnsweringWorker> {
  const silent: string[] = [];
  for (const [index, url] of urls.entries()) {
    const client = new ConnectClient(url);
    if (!(await client.ready())) {
      silent.push(`worker ${index + 1} (${url})`);
      continue;
    }
    const others = silent.length ? `; ${silent.join(', ')} did not` : '';
    return { client, line: urls.length > 1 ? `connect: worker ${index + 1} of ${urls.length} answered (${url})${others}` : '' };
  }
  throw new Error(`Kafka Connect is not ready at ${urls.length > 1 ? `any of its ${urls.length} workers (${urls.join(', ')})` : urls[0]} (run: cdc.sh start)`);
}
