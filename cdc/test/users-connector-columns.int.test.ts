import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { Kafka, logLevel } from 'kafkajs';
import { dropTestDatabase, testDatabaseUrl, waitUntil } from '@petcare/service-kit/testing';
import { registerTestConnector, removeTestConnector, testBrokers } from '@petcare/cdc/connect';
import { isSnapshotEndMarker } from '@petcare/cdc';

// The users connector replicates an include list of columns, the ones consumers read: a column added to
// app_user or device later (a phone number, say) stays out of Kafka until someone adds it to the list.
const suffix = randomBytes(3).toString('hex');
const url = testDatabaseUrl('usercols');
const database = new URL(url).pathname.slice(1);
const adminUrl = new URL('/postgres', url).toString();
const connector = `test-usercols-${suffix}`;
const topicPrefix = `testusercols_${suffix}_users`;
let source: pg.Client;

/** The `after` images of the first `n` messages of a topic. */
async function afterImages(topic: string, n: number): Promise<Record<string, unknown>[]> {
  const kafka = new Kafka({ clientId: 'usercols', brokers: testBrokers, logLevel: logLevel.NOTHING });
  // Debezium creates the topic with the table's first change: subscribing before it has a leader fails.
  const admin = kafka.admin();
  await admin.connect();
  try {
    await waitUntil(`topic ${topic} exists`, async () => {
      const metadata = await admin.fetchTopicMetadata({ topics: [topic] }).catch(() => null);
      return metadata?.topics[0]?.partitions.every((p) => p.leader >= 0) ?? false;
    });
  } finally {
    await admin.disconnect();
  }
  const consumer = kafka.consumer({ groupId: `usercols-${suffix}-${topic}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const seen: Record<string, unknown>[] = [];
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        // An empty table's snapshot leaves a snapshot-end marker, not a row (device is empty when the connector starts).
        if (message.value && !isSnapshotEndMarker(message)) seen.push((JSON.parse(String(message.value)) as { after: Record<string, unknown> }).after);
        if (seen.length >= n) resolve();
      },
    });
  });
  await consumer.disconnect();
  return seen;
}

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${database}"`);
  await admin.end();
  source = new pg.Client({ connectionString: url });
  await source.connect();
  // The users service's two captured tables, as its migrations leave them.
  await source.query(`create table app_user (id uuid primary key, email varchar(254) not null unique, password_hash varchar(200) not null,
    display_name varchar(40) not null, created_at timestamptz not null, updated_at timestamptz not null, roles text[] not null default '{}',
    request_id text)`);
  await source.query(`create table device (id uuid primary key, user_id uuid not null references app_user (id) on delete cascade,
    token varchar(4096) not null unique, platform text not null, registered_at timestamptz not null, request_id text)`);
  await source.query(`insert into app_user values ('00000000-0000-4000-8000-000000000001', 'a@example.com', 'hash', '하나', now(), now(), '{OPERATOR}')`);
});

afterAll(async () => {
  await removeTestConnector(connector, adminUrl).catch(() => undefined);
  await source?.end();
  await dropTestDatabase(url);
});

describe('the users connector', () => {
  it('replicates only the columns consumers read, including after a personal-data column is added', async () => {
    await registerTestConnector({ name: connector, template: 'users-cdc', database, topicPrefix, overrides: { 'table.include.list': 'public\\.app_user,public\\.device' } });
    await source.query('alter table app_user add column phone text');
    await source.query('alter table device add column ip_address text');
    await source.query(`insert into app_user values ('00000000-0000-4000-8000-000000000002', 'b@example.com', 'hash', '둘', now(), now(), '{}', null, '010-0000-0000')`);
    await source.query(`insert into device values ('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-000000000002', 'fcm-token', 'IOS', now(), null, '10.0.0.1')`);
    const users = await afterImages(`${topicPrefix}.public.app_user`, 2);
    for (const after of users) expect(Object.keys(after).sort()).toEqual(['created_at', 'display_name', 'id', 'request_id', 'updated_at']);
    expect(users.map((u) => u['display_name'])).toEqual(['하나', '둘']);
    const [device] = await afterImages(`${topicPrefix}.public.device`, 1);
    expect(Object.keys(device!).sort()).toEqual(['id', 'platform', 'registered_at', 'request_id', 'token', 'user_id']);
  });
});
