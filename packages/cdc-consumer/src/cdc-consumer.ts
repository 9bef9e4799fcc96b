import type { Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { AnyChangeHandler } from './change-handler.ts';
import type { AnyEventHandler } from './event-handler.ts';
import { applyParsed, parseMessage, type ApplyOptions, type ApplyOutcome } from './apply-change.ts';
import { applyEvents, parseEvent } from './apply-events.ts';
import { isPermanentFailure } from './is-permanent-failure.ts';
import { SERVICE_CONSUMER_LIVENESS, serviceKafka } from './service-kafka.ts';
import { createMissingTopics } from './create-missing-topics.ts';
import { checkWrittenTables } from './check-written-tables.ts';
import { CommittedOffsetGoneError } from './committed-offset-gone-error.ts';
import { findGoneOffsets } from './find-gone-offsets.ts';
import type { ConsumerStatus, StuckPartition } from './consumer-status.ts';
import { consumerMetrics, type ConsumerMetrics } from './consumer-metrics.ts';
import { requestIdOf } from './request-id-header.ts';

/** How a service runs its CDC consumer. */
export interface CdcConsumerOptions {
  /** Broker addresses, e.g. ['127.0.0.1:9092']. */
  brokers: string[];
  /** Consumer group; one per consuming service, so each service sees every change once. */
  groupId: string;
  /** Where messages that can never be applied go, with the reason in headers. */
  deadLetterTopic: string;
  /** One handler per topic: a table's change stream (copies and reactions) or an event topic. */
  handlers: (AnyChangeHandler | AnyEventHandler)[];
  orm: MikroORM;
  log: Logger;
  /** Called after each message, e.g. to count effects or measure propagation latency. */
  onOutcome?: (topic: string, outcome: ApplyOutcome | { result: 'dead-lettered'; reason: string }) => void;
}

const RETRY_MIN_MS = 200;
const RETRY_MAX_MS = 5_000;
// Changes applied per transaction: one commit per chunk instead of per change is what lets a consumer on
// a small machine keep up with 1,000 changes/s; small enough that a fallback to one-by-one stays cheap.
const CHUNK_SIZE = 500;
// Processed event ids are kept well beyond any event topic's retention (7 days), then forgotten.
const PROCESSED_EVENT_DAYS = 30;

/** How the consumer applies one topic, whichever kind of handler it has: parse without the database, apply a chunk in one transaction. */
interface TopicApplier {
  topic: string;
  parse(message: KafkaMessage): unknown;
  apply(em: EntityManager, chunk: unknown[], options: ApplyOptions): Promise<ApplyOutcome[]>;
}

function applierFor(handler: AnyChangeHandler | AnyEventHandler): TopicApplier {
  if ('kind' in handler) {
    return {
      topic: handler.topic,
      parse: (message) => parseEvent(handler, message),
      apply: (em, chunk) => applyEvents(em, handler, chunk as ReturnType<typeof parseEvent>[]),
    };
  }
  return {
    topic: handler.topic,
    parse: (message) => parseMessage(handler, message),
    apply: (em, chunk, options) => applyParsed(em, handler, chunk as ReturnType<typeof parseMessage>[], options),
  };
}

/**
 * Applies Debezium change events to a service's copies, and system events to its reactions. Messages are
 * applied in partition order, in chunks of up to CHUNK_SIZE per transaction together with their bookkeeping
 * (the LSN per key for changes, see applyParsed; the id per event, see applyEvents); offsets are committed
 * after the transaction, so a crash replays at most the uncommitted tail and the bookkeeping drops it.
 * A poison message goes to the dead-letter topic and the consumer carries on; a transient fault (the
 * database restarting) is retried with backoff, holding the partition so nothing is skipped.
 */
export class CdcConsumer {
  readonly #kafka: Kafka;
  readonly #consumer: Consumer;
  readonly #producer: Producer;
  readonly #handlers: Map<string, TopicApplier>;
  /** Partitions per topic, read at start: how a snapshot's end reconciles keys recorded without theirs (ApplyOptions). */
  readonly #partitions = new Map<string, number>();
  #pruneTimer: NodeJS.Timeout | undefined;
  #running = false;
  /** Set when the group's position fell out of a topic while running: nothing more is applied. */
  #halted = false;
  /** kafkajs's reason when the consumer crashed and will not restart itself. */
  #crashed: string | null = null;
  #deadLettered = 0;
  #lastBatchAt: Date | null = null;
  readonly #stuck = new Map<string, StuckPartition>();
  readonly #lag = new Map<string, { topic: string; partition: number; messages: number }>();
  readonly #metrics: ConsumerMetrics = consumerMetrics();

  constructor(private readonly options: CdcConsumerOptions) {
    this.#kafka = serviceKafka({
      clientId: options.groupId,
      brokers: options.brokers,
      log: options.log,
      watch: (message, extra) => {
        // kafkajs logs this just before committing the earliest offset in place of the one that is gone.
        if (message === 'Offset out of range, resetting to default offset') this.#haltOutOfRange(extra);
      },
    });
    // A fetch waits up to 100 ms for 16 KiB (~30 changes) before returning: under load that turns a trickle
    // of one-change transactions into chunks (at 1,000/s the 16 KiB arrive in about 30 ms, at 5,000/s in 6), for at
    // most 100 ms of added latency when it is quiet. Every idle fetch costs CPU on the service's machine: 20 ms cost
    // one idle consumer 5.0% of a core, 100 ms 1.7% (bench/cdc.ts at 1,000/s, same boot, two runs each: p99 96 and
    // 81 ms at 20, 75 and 64 at 100).
    // Liveness settings: see SERVICE_CONSUMER_LIVENESS. The consumer heartbeats after every chunk, and a chunk's
    // transaction is far shorter than the 10 s session.
    this.#consumer = this.#kafka.consumer({
      groupId: options.groupId,
      minBytes: 16_384,
      maxWaitTimeInMs: 100,
      allowAutoTopicCreation: true,
      ...SERVICE_CONSUMER_LIVENESS,
    });
    this.#producer = this.#kafka.producer({ allowAutoTopicCreation: true });
    this.#consumer.on(this.#consumer.events.END_BATCH_PROCESS, () => {
      this.#lastBatchAt = new Date();
    });
    this.#consumer.on(this.#consumer.events.CRASH, ({ payload }) => {
      this.#crashed = payload.restart ? null : payload.error.message;
      this.#metrics.running.set({ group: this.options.groupId }, this.#crashed ? 0 : 1);
    });
    this.#handlers = new Map();
    for (const handler of options.handlers) {
      // A second handler would silently replace the first, and with it the copy's only writer.
      if (this.#handlers.has(handler.topic)) throw new Error(`two handlers for topic ${handler.topic}: one topic has one handler per service`);
      this.#handlers.set(handler.topic, applierFor(handler));
    }
  }

  /** Connects, subscribes to every handler's topic from the beginning (a new copy backfills) and starts applying. */
  async start(): Promise<void> {
    await checkWrittenTables(this.options.orm, this.options.handlers);
    await this.#ensureTopics();
    await this.#readTopics();
    await this.#producer.connect();
    await this.#consumer.connect();
    await this.#consumer.subscribe({ topics: [...this.#handlers.keys()], fromBeginning: true });
    this.#running = true;
    this.#metrics.running.set({ group: this.options.groupId }, 1);
    await this.#consumer.run({
      autoCommit: true,
      autoCommitInterval: 1_000,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        const handler = this.#handlers.get(batch.topic);
        if (!handler) return;
        const keepGoing = () => isRunning() && !isStale() && !this.#halted;
        if (!keepGoing()) return;
        let chunk: { parsed: unknown; message: KafkaMessage }[] = [];
        const flush = async (): Promise<boolean> => {
          if (chunk.length === 0) return true;
          const done = await this.#applyChunk(handler, batch.partition, chunk, keepGoing, heartbeat, batch.highWatermark);
          if (done) {
            resolveOffset(chunk.at(-1)!.message.offset);
            this.#setLag(batch.topic, batch.partition, BigInt(batch.highWatermark) - BigInt(chunk.at(-1)!.message.offset) - 1n);
          }
          chunk = [];
          await heartbeat();
          return done;
        };
        for (const message of batch.messages) {
          if (!keepGoing()) return;
          let parsed: unknown;
          try {
            parsed = handler.parse(message);
          } catch (error) {
            // Everything before the poison message is applied first, so order is kept around it.
            if (!(await flush())) return;
            await this.#deadLetter(handler.topic, batch.partition, message, error);
            resolveOffset(message.offset);
            this.#setLag(batch.topic, batch.partition, BigInt(batch.highWatermark) - BigInt(message.offset) - 1n);
            continue;
          }
          chunk.push({ parsed, message });
          if (chunk.length >= CHUNK_SIZE && !(await flush())) return;
        }
        await flush();
      },
    });
    if (this.options.handlers.some((h) => 'kind' in h)) {
      await this.#pruneProcessedEvents();
      this.#pruneTimer = setInterval(() => void this.#pruneProcessedEvents(), 6 * 3600_000).unref();
    }
    this.options.log.info({ topics: [...this.#handlers.keys()], groupId: this.options.groupId }, 'cdc consumer started');
  }

  // An event can only be redelivered while its topic still holds it; ids older than that are dead weight.
  async #pruneProcessedEvents(): Promise<void> {
    try {
      await this.options.orm.em
        .getConnection()
        .execute(`delete from cdc_processed_event where processed_at < now() - make_interval(days => ?)`, [PROCESSED_EVENT_DAYS]);
    } catch (error) {
      this.options.log.warn({ err: error }, 'could not prune old processed event ids; will try again later');
    }
  }

  /** Stops consuming after the message in hand; committed offsets make the next start resume there. */
  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    this.#metrics.running.set({ group: this.options.groupId }, 0);
    clearInterval(this.#pruneTimer);
    await this.#consumer.disconnect();
    await this.#producer.disconnect();
  }

  // One admin connection for what start needs to know of its topics. Their partition counts (see #partitions). And
  // whether the group's committed offset is gone: kafkajs would otherwise reset it to the earliest offset, skipping
  // the changes in between without a word, so the consumer refuses to start, in one log line.
  async #readTopics(): Promise<void> {
    const admin = this.#kafka.admin();
    await admin.connect();
    const names = [...this.#handlers.keys()];
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: names });
      for (const t of topics) this.#partitions.set(t.name, t.partitions.length);
      const gone = await findGoneOffsets(admin, this.options.groupId, names);
      if (gone.length === 0) return;
      const error = new CommittedOffsetGoneError(this.options.groupId, gone);
      this.options.log.error({ groupId: this.options.groupId, gone }, error.message);
      throw error;
    } finally {
      await admin.disconnect();
    }
  }

  #haltOutOfRange(extra: Record<string, unknown>): void {
    if (this.#halted || !this.#running) return;
    this.#halted = true;
    this.options.log.error(
      { groupId: this.options.groupId, topic: extra['topic'], partition: extra['partition'] },
      `consumer group ${this.options.groupId} stopped: its position in ${String(extra['topic'])}[${String(extra['partition'])}] is no longer in the topic; the changes in between are lost to this consumer, so it does not go on from the earliest offset (cdc/README.md, "Rebuilding a copy")`,
    );
    void this.stop().catch((error: unknown) => this.options.log.warn({ err: error }, 'could not stop the halted consumer cleanly'));
  }

  /** The consumer's part of the service's `GET /health`. */
  health(): Record<string, unknown> {
    return { cdc: this.status() };
  }

  /**
   * Where the consumer stands, for `/health`: whether it runs, stuck partitions, how far behind it is in all and per
   * partition, when it last applied a batch, and how many changes it dead-lettered since the process started.
   */
  status(): ConsumerStatus {
    const stuck = [...this.#stuck.values()];
    const state = this.#halted ? 'halted' : !this.#running || this.#crashed ? 'stopped' : stuck.length > 0 ? 'stuck' : 'running';
    const partitions = [...this.#lag.values()];
    return {
      groupId: this.options.groupId,
      state,
      running: state === 'running' || state === 'stuck',
      ...(this.#crashed ? { crashed: this.#crashed } : {}),
      stuck,
      lag: partitions.reduce((sum, p) => sum + p.messages, 0),
      partitions,
      lastBatchAt: this.#lastBatchAt?.toISOString() ?? null,
      deadLettered: this.#deadLettered,
    };
  }

  #setLag(topic: string, partition: number, lag: bigint): void {
    const messages = Number(lag < 0n ? 0n : lag);
    this.#lag.set(`${topic}[${partition}]`, { topic, partition, messages });
    this.#metrics.lag.set({ group: this.options.groupId, topic, partition: String(partition) }, messages);
  }

  #markStuck(topic: string, partition: number, offset: string, attempt: number, error: unknown, highWatermark: string): void {
    const key = `${topic}[${partition}]`;
    const sqlState = (error as { code?: unknown } | null)?.code;
    const previous = this.#stuck.get(key);
    const entry: StuckPartition = {
      topic,
      partition,
      offset,
      since: previous?.since ?? new Date().toISOString(),
      attempts: attempt + 1,
      error: error instanceof Error ? error.message : String(error),
      ...(typeof sqlState === 'string' ? { sqlState } : {}),
    };
    this.#stuck.set(key, entry);
    this.#metrics.stuck.set({ group: this.options.groupId, topic, partition: String(partition) }, 1);
    this.#setLag(topic, partition, BigInt(highWatermark) - BigInt(offset));
    if (!previous) {
      this.options.log.error(
        { topic, partition, offset, sqlState: entry.sqlState, err: error },
        `consumer stuck on ${key} at offset ${offset}: ${entry.error} (not a data error: retried with backoff, the partition waits; /health and cdc_consumer_stuck show it)`,
      );
    }
  }

  #clearStuck(topic: string, partition: number): void {
    const key = `${topic}[${partition}]`;
    const was = this.#stuck.get(key);
    if (!was) return;
    this.#stuck.delete(key);
    this.#metrics.stuck.set({ group: this.options.groupId, topic, partition: String(partition) }, 0);
    this.options.log.info({ topic, partition, attempts: was.attempts, since: was.since }, `consumer no longer stuck on ${key}: applied after ${was.attempts} attempt(s)`);
  }

  /** True once the consumer stopped itself because its position in a topic was gone. */
  get halted(): boolean {
    return this.#halted;
  }

  // Creating the topics up front lets a consumer start before the first change of a table exists,
  // with the same settings Debezium's own topics get on this broker.
  async #ensureTopics(): Promise<void> {
    await createMissingTopics(this.#kafka, [
      ...this.options.handlers.map((h) => ({ topic: h.topic, changes: !('kind' in h) })),
      { topic: this.options.deadLetterTopic, changes: false },
    ]);
  }

  /**
   * Applies a chunk in one transaction, retrying transient faults with backoff. If the chunk fails for
   * good, it is applied again one change at a time so only the change at fault is dead-lettered.
   * Returns false when the consumer is stopping and the chunk was not applied.
   */
  async #applyChunk(
    handler: TopicApplier,
    partition: number,
    chunk: { parsed: unknown; message: KafkaMessage }[],
    keepGoing: () => boolean,
    heartbeat: () => Promise<void>,
    highWatermark: string,
  ): Promise<boolean> {
    const em = this.options.orm.em.fork() as EntityManager;
    for (let attempt = 0, wait = RETRY_MIN_MS; ; attempt++, wait = Math.min(wait * 2, RETRY_MAX_MS)) {
      try {
        const partitions = this.#partitions.get(handler.topic) ?? 1;
        const outcomes = await handler.apply(em, chunk.map((c) => c.parsed), { partition, partitions });
        this.#clearStuck(handler.topic, partition);
        this.#logRequestIds(handler.topic, partition, chunk.map((c) => c.message), outcomes);
        for (const outcome of outcomes) {
          if (outcome.result === 'applied' && outcome.reconciled) {
            this.options.log.info(
              { topic: handler.topic, partition, removed: outcome.reconciled },
              `reconciled the copy of ${handler.topic}[${partition}] after a snapshot: ${outcome.reconciled} row(s) the snapshot did not read (deleted at the source meanwhile) removed`,
            );
          }
          this.options.onOutcome?.(handler.topic, outcome);
        }
        return true;
      } catch (error) {
        if (isPermanentFailure(error)) {
          if (chunk.length === 1) {
            await this.#deadLetter(handler.topic, partition, chunk[0]!.message, error);
            return true;
          }
          for (const one of chunk) {
            if (!(await this.#applyChunk(handler, partition, [one], keepGoing, heartbeat, highWatermark))) return false;
          }
          return true;
        }
        const offsets = `${chunk[0]!.message.offset}..${chunk.at(-1)!.message.offset}`;
        this.#markStuck(handler.topic, partition, chunk[0]!.message.offset, attempt, error, highWatermark);
        this.options.log.warn({ err: error, topic: handler.topic, partition, offsets, attempt }, 'transient failure applying changes; retrying');
        if (!keepGoing()) return false;
        await new Promise((r) => setTimeout(r, wait));
        // A partition stuck longer than the group session must stay this member's: kafkajs heartbeats only when
        // asked. A rebalance under way makes it throw; keepGoing then says whether the partition is still ours.
        await heartbeat().catch(() => undefined);
        if (!keepGoing()) return false;
      }
    }
  }

  // A message a client request caused says so in one line with the request's id, so a request can be followed from
  // the gateway's log through this consumer's effect.
  #logRequestIds(topic: string, partition: number, messages: KafkaMessage[], outcomes: readonly ApplyOutcome[]): void {
    messages.forEach((message, i) => {
      const requestId = requestIdOf(message);
      if (!requestId) return;
      const result = outcomes[i]?.result;
      this.options.log.info({ topic, partition, offset: message.offset, requestId, result }, `${result ?? 'handled'} a message of ${topic} caused by request ${requestId}`);
    });
  }

  async #deadLetter(topic: string, partition: number, message: KafkaMessage, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    this.#deadLettered++;
    this.#metrics.deadLettered.inc({ group: this.options.groupId });
    this.options.log.error({ topic, partition, offset: message.offset, reason, requestId: requestIdOf(message) }, 'change cannot be applied; sent to the dead-letter topic');
    await this.#producer.send({
      topic: this.options.deadLetterTopic,
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            'dlq.reason': reason,
            'dlq.source.topic': topic,
            'dlq.source.partition': String(partition),
            'dlq.source.offset': message.offset,
            'dlq.consumer.group': this.options.groupId,
            'dlq.failed.at': new Date().toISOString(),
          },
        },
      ],
    });
    this.options.onOutcome?.(topic, { result: 'dead-lettered', reason });
  }
}
