import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { startTestSubgraph, waitUntil, type TestSubgraph } from '@petcare/service-kit/testing';
import { systemTopics } from '@petcare/cdc';
import { testBrokers } from '@petcare/cdc/connect';
import { loadConfig } from '../src/config.ts';
import { buildNeighborhoodsService, type NeighborhoodsService } from '../src/server.ts';

// The service's CDC consumer as /health reports it, on a real broker: running, behind by how much, dead-letters.
const ns = `t${randomBytes(4).toString('hex')}.`;
const topics = systemTopics(ns);
let neighborhoods: TestSubgraph<NeighborhoodsService>;

interface Health {
  status: string;
  cdc?: { running: boolean; lag: number; deadLettered: number; groupId: string; lastBatchAt: string | null };
}
const health = async (): Promise<Health> => (await fetch(neighborhoods.url.replace('/graphql', '/health'))).json() as Promise<Health>;

beforeAll(async () => {
  neighborhoods = await startTestSubgraph('nbh_health', (env, log) => buildNeighborhoodsService(loadConfig(env), log), {
    KAFKA_BROKERS: testBrokers.join(','),
    CDC_TOPIC_NAMESPACE: ns,
  });
  await neighborhoods.service.startBackground();
});

afterAll(() => neighborhoods?.close());

describe('GET /health of a consuming service', () => {
  it('says the CDC consumer runs, how far behind it is, and how many changes it dead-lettered', async () => {
    const first = await health();
    expect(first.status).toBe('ok');
    expect(first.cdc).toMatchObject({ running: true, deadLettered: 0, groupId: expect.stringContaining(ns) });

    const kafka = new Kafka({ brokers: testBrokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    try {
      // A change the account handler cannot read: it goes to the dead-letter topic and the consumer carries on.
      await producer.send({ topic: topics.users, messages: [{ key: JSON.stringify({ id: randomUUID() }), value: 'not a Debezium change' }] });
    } finally {
      await producer.disconnect();
    }
    await waitUntil('health reports the dead-lettered change', async () => (await health()).cdc?.deadLettered === 1);
    const after = await health();
    expect(after.cdc).toMatchObject({ running: true, lag: 0 });
    expect(after.cdc?.lastBatchAt).not.toBeNull();

    const metrics = await (await fetch(neighborhoods.url.replace('/graphql', '/metrics'))).text();
    const group = String(after.cdc?.groupId);
    expect(metrics).toContain(`cdc_consumer_running{group="${group}"} 1`);
    expect(metrics).toContain(`cdc_consumer_lag_messages{group="${group}",topic="${topics.users}",partition="0"} 0`);
    expect(metrics).toContain(`cdc_dead_lettered_changes_total{group="${group}"} 1`);
  });
});
