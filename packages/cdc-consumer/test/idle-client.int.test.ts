import { createHook } from 'node:async_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { testBrokers } from '@petcare/cdc/connect';
import { createLogger } from '@petcare/service-kit';
import { serviceKafka } from '../src/service-kafka.ts';

// Every service keeps a consumer and a producer connected while nothing happens; that idle time is CPU the same
// machine's requests need. kafkajs 2.2.4 re-armed a 1 ms timer per idle broker connection (patches/README.md): this
// counts the timers an idle consumer and producer start in two seconds.
const kafka = serviceKafka({ clientId: 'idle-client-test', brokers: testBrokers, log: createLogger('test', 'silent') });
const topic = `test.idle-client.${Date.now()}`;
const consumer = kafka.consumer({ groupId: `test-idle-client-${Date.now()}`, minBytes: 16_384, maxWaitTimeInMs: 20 });
const producer = kafka.producer();

afterAll(async () => {
  await consumer.disconnect();
  await producer.disconnect();
});

describe('an idle Kafka client', () => {
  it('starts timers for its fetches only, not a thousand a second per connection', async () => {
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'k', value: 'v' }] });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let consumed = 0;
    await consumer.run({ eachMessage: async () => void consumed++ });
    while (consumed === 0) await new Promise((r) => setTimeout(r, 50));

    let timers = 0;
    const hook = createHook({ init: (_id, type) => void (type === 'Timeout' && timers++) }).enable();
    await new Promise((r) => setTimeout(r, 2000));
    hook.disable();
    // Measured: 1 with the patch (fetches and heartbeats start none), 4,372 without it.
    expect(timers).toBeLessThan(100);
  });
});
