import pg from 'pg';

/** One scenario's writes: `total` rows from id `firstId` at `rate` per second into the source's `item` table. */
export interface WriteJob {
  firstId: number;
  total: number;
  rate: number;
}

/** The source's writer: see openSourceWriter. */
export interface SourceWriter {
  /** Inserts the rows, each its own transaction, on STRIPES sessions sharing one schedule; resolves with the rate achieved. */
  write(job: WriteJob): Promise<number>;
  close(): Promise<void>;
}

/**
 * Sessions writing at once, each every STRIPES-th row of the schedule. Four keep 5,000 commits/s when one commit's
 * flush waits a few milliseconds for the disk; the rows behind schedule are then written at once, as a client's would be.
 */
const STRIPES = 4;
/** The schedule starts this far after the calls are sent, so every session has begun by its first row. */
const START_DELAY_MS = 50;

// The writer runs inside PostgreSQL: each session a procedure that inserts a row and commits, on a schedule of
// clock_timestamp(), with no client round trip per row. Sent from Node (pool.query per row, even on a thread of its
// own), the same 4,700 commits/s took the writer's thread 19% of a core and sixteen backends 56% (`/proc` per thread,
// 2026-12-02); in the procedure four backends take 54% and Node nothing, and that fifth of a core is the pipeline's
// again. On this 2-core machine the load generator otherwise competes with what it measures.
const PROCEDURE = `
create or replace procedure bench_write_items(first_id bigint, total int, rate int, stripe int, stripes int, start_epoch double precision)
language plpgsql as $$
declare
  i int := stripe;
  ahead double precision;
begin
  while i < total loop
    ahead := start_epoch + i::double precision / rate - extract(epoch from clock_timestamp());
    if ahead > 0 then perform pg_sleep(ahead); end if;
    insert into item (id, payload) values (first_id + i, 'change ' || (first_id + i));
    commit;
    i := i + stripes;
  end loop;
end $$`;

const integer = (name: string, value: number, least = 0) => {
  if (!Number.isSafeInteger(value) || value < least) throw new Error(`source writer: ${name} must be an integer of at least ${least}, got ${value}`);
  return String(value);
};

/**
 * Opens the writer of the source database at `url` (its `item` table must exist): STRIPES sessions, connected before
 * the first scenario so none is forked inside a measured second. Each change is its own transaction, as a service's
 * writes are.
 */
export async function openSourceWriter(url: string): Promise<SourceWriter> {
  let failed: Error | null = null;
  const clients = Array.from({ length: STRIPES }, () => new pg.Client({ connectionString: url }));
  // A session ended under an idle client (the connector's removal ends the source's sessions) is reported here, not
  // thrown where nothing listens.
  for (const client of clients) client.on('error', (error) => (failed ??= error));
  await Promise.all(clients.map((c) => c.connect()));
  await clients[0]!.query(PROCEDURE);
  return {
    async write(job) {
      if (failed) throw failed;
      const startEpoch = (Date.now() + START_DELAY_MS) / 1000;
      // Simple-protocol text (the values checked as integers above): a procedure that commits cannot run inside the
      // extended protocol's implicit transaction.
      await Promise.all(
        clients.map((client, stripe) =>
          client.query(
            `call bench_write_items(${integer('firstId', job.firstId)}, ${integer('total', job.total)}, ${integer('rate', job.rate, 1)}, ${stripe}, ${STRIPES}, ${startEpoch})`,
          ),
        ),
      );
      return job.total / (Date.now() / 1000 - startEpoch);
    },
    async close() {
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    },
  };
}
