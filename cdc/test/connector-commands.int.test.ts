import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { Kafka, logLevel } from 'kafkajs';
import { dropTestDatabase, testDatabaseUrl, waitUntil } from '@petcare/service-kit/testing';
import {
  ConnectClient,
  ConnectorFailedError,
  connectorTemplate,
  connectUrl,
  readConnectorFiles,
  registerConnectors,
  testBrokers,
  unregisterConnectors,
} from '@petcare/cdc/connect';

// What `cdc.sh register` and `unregister` do, against real Connect and PostgreSQL, on connector files of
// this test's own: one database ready to capture, one with no table yet, one that does not exist.
const suffix = randomBytes(3).toString('hex');
const urls = { ready: testDatabaseUrl('cmdready'), empty: testDatabaseUrl('cmdempty'), missing: testDatabaseUrl('cmdmissing') };
const adminUrl = new URL('/postgres', urls.ready).toString();
const dbName = (url: string) => new URL(url).pathname.slice(1);
const name = (kind: string) => `test-cmd-${suffix}-${kind}`;
const slot = (kind: string) => `test_cmd_${suffix}_${kind}`;
const prefix = `testcmd_${suffix}`;
const client = new ConnectClient(connectUrl);
const dir = mkdtempSync(join(tmpdir(), 'connectors-'));
const lines: string[] = [];
const log = (line: string) => lines.push(line);
let admin: pg.Client;

function writeConnectorFile(kind: string, database: string, tables = 'public\\.item'): void {
  const config = {
    ...connectorTemplate('users-cdc'),
    name: name(kind),
    'database.dbname': database,
    'topic.prefix': `${prefix}_${kind}`,
    'slot.name': slot(kind),
    'publication.name': slot(kind),
    'table.include.list': tables,
  };
  writeFileSync(join(dir, `${name(kind)}.json`), JSON.stringify(config, null, 2));
}

const register = async (restart = false) => {
  lines.length = 0;
  return registerConnectors({ client, files: readConnectorFiles(dir), restart, timeoutMs: 90_000, log, postgresUrl: adminUrl });
};
const unregister = (...names: string[]) => unregisterConnectors({ client, files: readConnectorFiles(dir), names, log, postgresUrl: adminUrl });
const slotPid = async (kind: string): Promise<number | null | undefined> =>
  (await admin.query('select active_pid from pg_replication_slots where slot_name = $1', [slot(kind)])).rows[0]?.active_pid;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${dbName(urls.ready)}"`);
  await admin.query(`create database "${dbName(urls.empty)}"`);
  const ready = new pg.Client({ connectionString: urls.ready });
  await ready.connect();
  await ready.query("create table item (id int primary key, name text not null); insert into item values (1, 'snapshotted')");
  await ready.end();
  writeConnectorFile('ready', dbName(urls.ready));
  writeConnectorFile('empty', dbName(urls.empty));
  writeConnectorFile('missing', dbName(urls.missing));
});

afterAll(async () => {
  await unregister().catch(() => undefined);
  await admin?.end();
  await dropTestDatabase(urls.ready);
  await dropTestDatabase(urls.empty);
  rmSync(dir, { recursive: true, force: true });
});

describe('register and unregister', () => {
  it('registers the connector whose database has a table, and says why it skips the others', async () => {
    expect(await register()).toEqual({ running: 1, skipped: 2 });
    expect(lines).toEqual([
      `register: ${name('empty')} skipped (database ${dbName(urls.empty)} has no table to capture yet: run its migrations first)`,
      `register: ${name('missing')} skipped (database ${dbName(urls.missing)} does not exist)`,
      `register: ${name('ready')} created (database ${dbName(urls.ready)})`,
      `register: ${name('ready')} RUNNING`,
      'register: 1 connector(s) running, 2 skipped',
    ]);
    expect((await client.status(name('ready')))?.tasks.map((t) => t.state)).toEqual(['RUNNING']);
    expect(await client.status(name('empty'))).toBeUndefined();
  });

  it('leaves an unchanged connector running as it was: no restart, the same replication connection', async () => {
    await waitUntil('the connector streams from its slot', async () => Boolean(await slotPid('ready')));
    const pid = await slotPid('ready');
    await register();
    expect(lines).toContain(`register: ${name('ready')} unchanged (database ${dbName(urls.ready)})`);
    expect(await slotPid('ready')).toBe(pid);
  });

  it('restarts an unchanged connector when asked, so it reconnects and re-reads its publication', async () => {
    const pid = await slotPid('ready');
    await register(true);
    expect(lines).toContain(`register: ${name('ready')} unchanged, restarted (publication re-synced with the current tables)`);
    await waitUntil('a new replication connection', async () => ![undefined, null, pid].includes(await slotPid('ready')));
  });

  it("fails with the task's own trace when a connector cannot run", async () => {
    writeConnectorFile('broken', dbName(urls.ready), 'public\\.no_such_table');
    try {
      const failure = await register().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ConnectorFailedError);
      expect(String((failure as Error).message)).toMatch(/task 0 FAILED[\s\S]*No table filters found for filtered publication/);
    } finally {
      await unregister(name('broken'));
      rmSync(join(dir, `${name('broken')}.json`));
    }
  });

  it('removes a connector with its slot, publication and offsets: registered again, it snapshots again', async () => {
    await unregister(name('ready'));
    expect(lines).toContain(`unregister: ${name('ready')} stopped, offsets reset, deleted`);
    expect(lines).toContain(`unregister: dropped slot ${slot('ready')} and publication ${slot('ready')} in ${dbName(urls.ready)}`);
    expect(await client.status(name('ready'))).toBeUndefined();
    expect((await admin.query('select 1 from pg_replication_slots where slot_name = $1', [slot('ready')])).rowCount).toBe(0);

    await register();
    const kafka = new Kafka({ clientId: 'connector-commands-test', brokers: testBrokers, logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `test-cmd-${suffix}` });
    await consumer.connect();
    await consumer.subscribe({ topic: `${prefix}_ready.public.item`, fromBeginning: true });
    let snapshotReads = 0;
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.value && JSON.parse(String(message.value)).op === 'r') snapshotReads++;
      },
    });
    try {
      await waitUntil('the row read by a second snapshot', async () => snapshotReads >= 2);
      expect(snapshotReads).toBe(2);
    } finally {
      await consumer.disconnect();
    }
  });
});
