import type { Consumer } from 'kafkajs';
import { isSnapshotEndMarker } from '@petcare/cdc';
import { createMissingTopics } from '@petcare/cdc-consumer';
import { alertEventFrom, type AlertEvent } from './alert-event.ts';
import { TopicReader, type TopicReaderOptions } from '../kafka/topic-reader.ts';

/** What a subscription hears from the feed. */
export interface AlertListener {
  /** A new alert of the user listened for. Called synchronously from the consumer loop: must not block. */
  alert(event: AlertEvent): void;
  /** The feed stopped and events may have been missed: the listener must end (the client resumes with `after`). */
  interrupted(reason: string): void;
}

/** Where the feed reads and as whom. */
export interface AlertFeedOptions extends TopicReaderOptions {
  /** The alerts database's CDC topic (systemTopics(ns).alerts). */
  topic: string;
}

const RESTART_DELAY_MS = 5_000;

/**
 * The one Kafka consumer of a gateway process: it reads new alerts from the alerts database's CDC topic and
 * hands each to the subscriptions of its owner held by this process (an in-process index by user id), so the
 * topic is read once per gateway, not once per subscriber, and a user's event never reaches anyone else's
 * subscription.
 *
 * The group is this process's own (every gateway must see every alert) and starts at the end of the topic: a
 * subscription wants alerts stored from now on, and catches up on older ones from the database (`after`). Offsets
 * are committed, so a rejoin after a broker or network fault resumes where it stopped rather than at the end
 * (redeliveries are dropped per subscription); the group is deleted on a clean stop.
 */
export class AlertFeed {
  readonly #options: AlertFeedOptions;
  readonly #reader: TopicReader;
  readonly #listeners = new Map<string, Set<AlertListener>>();
  #ready!: Promise<void>;
  #markReady!: () => void;

  constructor(options: AlertFeedOptions) {
    this.#options = options;
    this.#reader = new TopicReader(options, RESTART_DELAY_MS);
    this.#resetReady();
  }

  /** Starts consuming in the background; failures are logged and the feed restarts itself until stopped. */
  start(): void {
    void this.#run();
  }

  /**
   * Resolves true once the consumer has joined and fetched from its start position, i.e. an alert stored from now
   * on will be heard; false if that takes longer than `timeoutMs`.
   */
  async whenReady(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([this.#ready.then(() => true), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Registers a listener for one user's alerts; returns the function that removes it. */
  listen(userId: string, listener: AlertListener): () => void {
    const key = userId.toLowerCase();
    let set = this.#listeners.get(key);
    if (!set) this.#listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.#listeners.get(key) === set) this.#listeners.delete(key);
    };
  }

  /** How many subscriptions listen, for logs and tests. */
  get listenerCount(): number {
    let n = 0;
    for (const set of this.#listeners.values()) n += set.size;
    return n;
  }

  /** Stops consuming and deletes this process's consumer group (best effort: an abandoned one expires). */
  stop(): Promise<void> {
    return this.#reader.stop();
  }

  #resetReady(): void {
    this.#ready = new Promise((resolve) => {
      this.#markReady = resolve;
    });
  }

  async #run(): Promise<void> {
    const { log, topic, groupId } = this.#options;
    const consumer = this.#reader.newConsumer();
    // Ready once the group has given this consumer the topic's partitions and a fetch has completed: fetching
    // starts by resolving the start offsets, so from then on no alert that is stored is missed.
    let assigned = false;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      assigned = (payload.memberAssignment[topic]?.length ?? 0) > 0;
      if (!assigned)
        log.warn({ topic, groupId }, 'the alerts feed joined its group without a partition of the alerts topic; waiting for a rebalance');
    });
    const removeFetch = consumer.on(consumer.events.FETCH, () => {
      if (!assigned) return;
      removeFetch();
      log.info({ topic, groupId }, 'live alerts feed ready');
      this.#markReady();
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) return;
      this.#interrupt(`the alerts feed crashed: ${payload.error.message}`);
      this.#scheduleRestart(consumer);
    });
    try {
      await createMissingTopics(this.#reader.kafka, [{ topic: this.#options.topic, changes: true }]);
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: false });
      await consumer.run({
        autoCommit: true,
        eachMessage: async ({ message, partition }) => {
          // A re-snapshot that found no alert announces no new one.
          if (isSnapshotEndMarker(message)) return;
          let event: AlertEvent | null;
          try {
            event = alertEventFrom(message.value);
          } catch (error) {
            log.warn(
              { err: error, topic, partition, offset: message.offset },
              'skipped a message of the alerts topic that is not an alert insert',
            );
            return;
          }
          if (event) this.#dispatch(event);
        },
      });
    } catch (error) {
      if (this.#reader.stopped) return;
      log.error(
        { err: error, topic, brokers: this.#options.brokers },
        `live alerts feed could not start; retrying in ${RESTART_DELAY_MS / 1000}s`,
      );
      this.#scheduleRestart(consumer);
    }
  }

  #dispatch(event: AlertEvent): void {
    const listeners = this.#listeners.get(event.userId);
    if (!listeners) return;
    for (const listener of [...listeners]) listener.alert(event);
  }

  #interrupt(reason: string): void {
    this.#options.log.error(
      { reason, subscriptions: this.listenerCount },
      'live alerts feed interrupted; closing subscriptions so clients resume',
    );
    for (const set of [...this.#listeners.values()]) for (const listener of [...set]) listener.interrupted(reason);
  }

  #scheduleRestart(failed: Consumer): void {
    if (this.#reader.stopped || this.#reader.restartPending) return;
    this.#resetReady();
    this.#reader.restartLater(failed, () => void this.#run());
  }
}
