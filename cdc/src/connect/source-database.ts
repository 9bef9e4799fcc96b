import { existsSync, realpathSync } from 'node:fs';
import pg from 'pg';

/**
 * One service database on the PostgreSQL server the connectors read (PGHOST, PGPORT, PGUSER, PGPASSWORD,
 * as for psql): whether a connector can capture it, and the replication slot and publication it leaves.
 */
export class SourceDatabase {
  /** @param serverUrl a URL of the server (any database); unset: the PG* variables. */
  constructor(
    readonly name: string,
    private readonly serverUrl?: string,
  ) {}

  async exists(): Promise<boolean> {
    return this.withClient('postgres', async (c) => (await c.query('select 1 from pg_database where datname = $1', [this.name])).rowCount === 1);
  }

  /**
   * Tables the connector files can capture: `schema.include.list=public` minus the migrations table.
   * A connector with `publication.autocreate.mode=filtered` and no table to publish fails its task.
   */
  async capturableTables(): Promise<number> {
    return this.withClient(this.name, async (c) => {
      const { rows } = await c.query<{ n: string }>(
        "select count(*) as n from pg_catalog.pg_tables where schemaname = 'public' and tablename <> 'mikro_orm_migrations'",
      );
      return Number(rows[0]?.n ?? 0);
    });
  }

  /**
   * Drops a replication slot once its connector released it (a deleted connector's task lets go within
   * seconds); an abandoned slot pins WAL forever and blocks DROP DATABASE. False if there was no slot.
   */
  async dropSlot(slot: string, releaseTimeoutMs = 30_000): Promise<boolean> {
    return this.withClient(this.name, async (c) => {
      const deadline = Date.now() + releaseTimeoutMs;
      while ((await c.query('select 1 from pg_replication_slots where slot_name = $1 and active', [slot])).rowCount) {
        if (Date.now() >= deadline) throw new Error(`replication slot ${slot} still in use after ${releaseTimeoutMs / 1000}s`);
        await new Promise((r) => setTimeout(r, 200));
      }
      const { rowCount } = await c.query('select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = $1', [slot]);
      return rowCount === 1;
    });
  }

  /**
   * Marks the database as this checkout's (a comment on it naming the checkout's folder), or refuses when another
   * checkout that still exists on this machine holds it: two checkouts sharing databases and replication slots
   * move each other's slots on and write into each other's data. A claim by a folder that is gone is taken over.
   * @returns the previous holder when the claim was taken over from a vanished checkout.
   */
  async claim(folder: string): Promise<string | undefined> {
    // One folder, one name: a symlinked path and the real one are the same checkout.
    const checkout = existsSync(folder) ? realpathSync(folder) : folder;
    return this.withClient('postgres', async (c) => {
      const { rows } = await c.query<{ comment: string | null }>(
        "select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1",
        [this.name],
      );
      if (rows.length === 0) return undefined;
      const holder = /^petcare checkout (.+)$/.exec(rows[0]?.comment ?? '')?.[1];
      if (holder === checkout) return undefined;
      if (holder && existsSync(holder)) {
        throw new Error(
          `database ${this.name} belongs to the checkout at ${holder}; sharing it (and its replication slots) with ${checkout} would move that checkout's slots on. Give this checkout its own: PETCARE_INSTANCE=<name> (cdc/runtime/README.md)`,
        );
      }
      await c.query(`comment on database ${c.escapeIdentifier(this.name)} is ${c.escapeLiteral(`petcare checkout ${checkout}`)}`);
      return holder;
    });
  }

  /** Where a replication slot stands: what its consumer confirmed, and which database it decodes; undefined if there is none. */
  async slotPosition(slot: string): Promise<{ confirmedFlushLsn: bigint; database: string } | undefined> {
    return this.withClient('postgres', async (c) => {
      const { rows } = await c.query<{ lsn: string | null; database: string }>(
        "select (confirmed_flush_lsn - '0/0')::text as lsn, database from pg_replication_slots where slot_name = $1",
        [slot],
      );
      const row = rows[0];
      return row ? { confirmedFlushLsn: BigInt(row.lsn ?? '0'), database: row.database } : undefined;
    });
  }

  /** Drops a publication; false if there was none. */
  async dropPublication(publication: string): Promise<boolean> {
    return this.withClient(this.name, async (c) => {
      const { rowCount } = await c.query('select 1 from pg_publication where pubname = $1', [publication]);
      if (!rowCount) return false;
      await c.query(`drop publication if exists ${c.escapeIdentifier(publication)}`);
      return true;
    });
  }

  private async withClient<T>(database: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
    // pg lets a connection string's database win over a `database` option: set it in the URL itself.
    const url = this.serverUrl ? new URL(this.serverUrl) : undefined;
    if (url) url.pathname = `/${encodeURIComponent(database)}`;
    const client = new pg.Client(url ? { connectionString: url.toString() } : { database });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }
}
