import { createMissingTopics } from '@petcare/cdc-consumer';
import { TopicReader, type TopicReaderOptions } from '../kafka/topic-reader.ts';
import { CatchUp } from '../kafka/catch-up.ts';
import { readAccountChange } from './account-change.ts';
import { LiveAccounts } from './live-accounts.ts';

/** Where the gateway learns of deleted accounts, and as whom. */
export interface ErasedAccountsOptions extends TopicReaderOptions {
  /** The users database's CDC topic of accounts (systemTopics(ns).users). */
  topic: string;
}

const RESTART_DELAY_MS = 5_000;
// How long a start may take before the wait is logged as a warning (authenticated requests wait on it).
const SLOW_CATCH_UP_MS = 15_000;

/**
 * The accounts deleted since the users topic began, read from the users database's own CDC topic
 * (`users.public.app_user`: a delete is `op: d` and a tombstone, both keyed `{"id": …}`), so a bearer token that
 * outlived its account is refused by the gateway for everything, not only by the services whose copies know.
 * An account deleted while the connector was away has no delete event: the re-snapshot that follows does not read it,
 * and at that snapshot's end (LiveAccounts) it is taken as deleted, as the services' copies reconcile.
 *
 * Why here and this way: access tokens are verified without a database (no service calls another), so the only
 * party that sees every request must learn of deletions from the stream every other copy is kept by. User ids are
 * random UUIDs never reused, so an id once deleted stays deleted; the set grows by one id (~40 bytes) per deleted
 * account, and the live accounts take about 120 bytes each. It is read from the beginning at every start (the topic's
 * retention bounds that), in a group of this process's own that is deleted on a clean stop. Until it has read the
 * topic to the end the topic had when reading began (`caughtUp`), it cannot tell a deleted account's token from a live
 * one: the gateway then refuses to serve authenticated requests (503, Retry-After) rather than honour a token whose
 * account may be gone.
 */
export class ErasedAccounts {
  readonly #options: ErasedAccountsOptions;
  readonly #reader: TopicReader;
  readonly #erased = new Set<string>();
  readonly #live = new LiveAccounts();
  readonly #listeners = new Set<(userId: string) => void>();
  readonly #catchUp = new CatchUp();
  #announced = false;

  constructor(options: ErasedAccountsOptions) {
    this.#options = options;
    this.#reader = new TopicReader(options, RESTART_DELAY_MS);
  }

  /** True when the account `userId` has been deleted. */
  has(userId: string): boolean {
    return this.#erased.has(userId.toLowerCase());
  }

  /**
   * Calls `listener` with each account id this gateway learns is deleted from now on (ids known before are not
   * repeated: `has` answers for them), so what outlives a request, an open subscription connection, can end too.
   * Returns the function that removes the listener.
   */
  onErased(listener: (userId: string) => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  /** True once every deletion the users topic held when this gateway began reading it is known. */
  get caughtUp(): boolean {
    return this.#catchUp.done;
  }

  /** Resolves true once caught up (see `caughtUp`), or false after `timeoutMs`. */
  whenCaughtUp(timeoutMs: number): Promise<boolean> {
    return this.#catchUp.whenDone(timeoutMs);
  }

  /** How many deleted accounts this gateway knows of, for logs and tests. */
  get size(): number {
    return this.#erased.size;
  }

  /** Starts reading in the background; a failure is logged and reading restarts until stopped. */
  start(): void {
    void this.#run();
    void this.#catchUp.whenDone(SLOW_CATCH_UP_MS).then((done) => {
      if (done || this.#reader.stopped) return;
      this.#options.log.warn(
        { topic: this.#options.topic },
        `still reading deleted accounts after ${SLOW_CATCH_UP_MS / 1000}s: authenticated requests are answered 503 until it is done`,
      );
    });
  }

  /** Stops reading and deletes this process's consumer group (best effort: an abandoned one expires). */
  stop(): Promise<void> {
    return this.#reader.stop();
  }

  // The goal is the topic's end now; a restarted reader starts from its group's committed offsets.
  async #beginCatchUp(topic: string, groupId: string): Promise<void> {
    if (this.#catchUp.done) return;
    const admin = this.#reader.kafka.admin();
    await admin.connect();
    try {
      const ends = await admin.fetchTopicOffsets(topic);
      const committed = (await admin.fetchOffsets({ groupId, topics: [topic] }))[0]?.partitions ?? [];
      this.#catchUp.begin(ends, committed);
    } finally {
      await admin.disconnect();
    }
    this.#announceCatchUp();
  }

  #consumed(partition: number, offset: string): void {
    this.#catchUp.consumed(partition, offset);
    this.#announceCatchUp();
  }

  #announceCatchUp(): void {
    if (this.#announced || !this.#catchUp.done) return;
    this.#announced = true;
    this.#options.log.info({ topic: this.#options.topic, known: this.#erased.size }, 'read the deleted accounts to the end: serving authenticated requests');
  }

  #erase(id: string): void {
    if (this.#erased.has(id)) return;
    this.#erased.add(id);
    this.#options.log.info({ userId: id }, 'account deleted: its tokens are refused from now on');
    for (const listener of this.#listeners) {
      try {
        listener(id);
      } catch (error) {
        this.#options.log.error({ err: error, userId: id }, 'a listener for deleted accounts failed');
      }
    }
  }

  async #run(): Promise<void> {
    const { log, topic, groupId } = this.#options;
    const consumer = this.#reader.newConsumer();
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) return;
      this.#reader.restartLater(consumer, () => void this.#run());
    });
    try {
      await createMissingTopics(this.#reader.kafka, [{ topic: topic, changes: true }]);
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      // A batch of only compacted-away or control records still moves the position (kafkajs reports it here).
      consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => this.#consumed(payload.partition, payload.lastOffset));
      await this.#beginCatchUp(topic, groupId);
      await consumer.run({
        autoCommit: true,
        eachMessage: async ({ partition, message }) => {
          const change = readAccountChange(message);
          if (change?.kind === 'live') this.#live.seen(partition, change.id, change.lsn);
          if (change?.kind === 'deleted') {
            this.#live.deleted(partition, change.id);
            this.#erase(change.id);
          }
          if (change?.kind === 'snapshot-end') {
            const gone = this.#live.notReadBy(partition, change.lsn);
            if (gone.length > 0) {
              log.info(
                { topic, partition, lsn: change.lsn, accounts: gone.length },
                `a re-snapshot of ${topic} did not read ${gone.length} account(s): deleted while the connector was away, their tokens are refused from now on`,
              );
            }
            for (const id of gone) this.#erase(id);
          }
          this.#consumed(partition, message.offset);
        },
      });
    } catch (error) {
      if (this.#reader.stopped) return;
      log.error({ err: error, topic }, `could not read deleted accounts; retrying in ${RESTART_DELAY_MS / 1000}s`);
      this.#reader.restartLater(consumer, () => void this.#run());
    }
  }
}
