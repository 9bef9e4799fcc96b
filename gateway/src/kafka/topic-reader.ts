import type { Consumer, Kafka } from 'kafkajs';
import { serviceKafka, SERVICE_CONSUMER_LIVENESS } from '@petcare/cdc-consumer';
import type { Logger } from '@petcare/service-kit';
import { RestartTimer } from './restart-timer.ts';
import { deleteConsumerGroup } from './delete-consumer-group.ts';

/** Where a gateway topic reader reads from and as whom. */
export interface TopicReaderOptions {
  brokers: string[];
  /** A consumer group of this gateway process alone (every gateway reads the whole topic); deleted on stop. */
  groupId: string;
  log: Logger;
}

/**
 * What the gateway's topic readers (the live alerts feed, the deleted-accounts reader) share: a Kafka client, one
 * consumer at a time in the process's own group with the services' liveness settings, a restart a while after it
 * fails, and on a clean stop the consumer disconnected and the group deleted. Each reader keeps what it reads.
 */
export class TopicReader {
  readonly kafka: Kafka;
  readonly #options: TopicReaderOptions;
  readonly #restart: RestartTimer;
  #consumer: Consumer | null = null;
  #stopped = false;

  constructor(options: TopicReaderOptions, restartDelayMs: number) {
    this.#options = options;
    this.kafka = serviceKafka({ clientId: options.groupId, brokers: options.brokers, log: options.log });
    this.#restart = new RestartTimer(restartDelayMs, () => this.#stopped);
  }

  /** True once `stop` was called. */
  get stopped(): boolean {
    return this.#stopped;
  }

  /** True while a restart waits. */
  get restartPending(): boolean {
    return this.#restart.pending;
  }

  /** A new consumer of the group, the one `stop` disconnects from now on. */
  newConsumer(): Consumer {
    const consumer = this.kafka.consumer({ groupId: this.#options.groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 500, ...SERVICE_CONSUMER_LIVENESS });
    this.#consumer = consumer;
    return consumer;
  }

  /** Disconnects `failed` and calls `start` after the restart delay, unless stopped or a restart already waits. */
  restartLater(failed: Consumer, start: () => void): void {
    this.#restart.schedule(failed, start);
  }

  /** Stops reading and deletes the consumer group (best effort: an abandoned one expires). */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#restart.cancel();
    const consumer = this.#consumer;
    this.#consumer = null;
    if (!consumer) return;
    await consumer.disconnect();
    await deleteConsumerGroup(this.kafka, this.#options.groupId, this.#options.log);
  }
}
