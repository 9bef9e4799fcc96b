import { Kafka, logLevel, type Consumer, type Producer, type KafkaMessage } from 'kafkajs';
import type { MikroORM, EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { AnyChangeHandler } from './change-handler.ts';
import type { AnyEventHandler } from './event-handler.ts';
import { applyParsed, parseMessage, type ApplyOutcome } from './apply-change.ts';
import { applyEvents, parseEvent } from './apply-events.ts';
import { isPermanentFailure } from './is-permanent-failure.ts';
import { kafkaLogCreator } from './kafka-log-creator.ts';
import { checkWrittenTables } from './check-written-tables.ts';

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
  apply(em: EntityManager, chunk: unknown[]): Promise<ApplyOutcome[]>;
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
    apply: (em, chunk) => applyParsed(em, handler, chunk as ReturnType<typeof parseMessage>[]),
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
  #pruneTimer: NodeJS.Timeout | undefined;
  #running = false;
  #crashed: string | null = null;
  #deadLettered = 0;
  #lastBatchAt: Date | null = null;
  // Messages behind the end of each partition after its last batch, as kafkajs reports it (`<topic>/<partition>`).
  readonly #lag = new Map<string, number>();

  constructor(private readonly options: CdcConsumerOptions) {
    this.#kafka = new Kafka({
      clientId: options.groupId,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      logCreator: kafkaLogCreator(options.log),
      retry: { initialRetryTime: 300, retries: 10 },
    });
    // A fetch waits up to 20 ms for 16 KiB (~30 changes) before returning: under load that turns a trickle
    // of one-change transactions into chunks, for at most 20 ms of added latency when it is quiet.
    this.#consumer = this.#kafka.consumer({ groupId: options.groupId, minBytes: 16_384, maxWaitTimeInMs: 20, allowAutoTopicCreation: true });
    this.#producer = this.#kafka.producer({ allowAutoTopicCreation: true });
    this.#consumer.on(this.#consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      this.#lag.set(`${payload.topic}/${payload.partition}`, Number(payload.offsetLag));
      this.#lastBatchAt = new Date();
    });
    this.#consumer.on(this.#consumer.events.CRASH, ({ payload }) => {
      this.#crashed = payload.restart ? null : payload.error.message;
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
    await this.#producer.connect();
    await this.#consumer.connect();
    await this.#consumer.subscribe({ topics: [...this.#handlers.keys()], fromBeginning: true });
    this.#running = true;
    await this.#consumer.run({
      autoCommit: true,
      autoCommitInterval: 1_000,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        const handler = this.#handlers.get(batch.topic);
        if (!handler) return;
        const keepGoing = () => isRunning() && !isStale();
        let chunk: { parsed: unknown; message: KafkaMessage }[] = [];
        const flush = async (): Promise<boolean> => {
          if (chunk.length === 0) return true;
          const done = await this.#applyChunk(handler, batch.partition, chunk, keepGoing);
          if (done) resolveOffset(chunk.at(-1)!.message.offset);
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

  /**
   * What `/health` says of the consumer: whether it runs (started, not stopped, not crashed for good), how many
   * messages it is behind in all (as of each partition's last batch) and per partition, when it last applied a batch,
   * and how many changes it dead-lettered since start.
   */
  describe(): Record<string, unknown> {
    const partitions = Object.fromEntries(this.#lag);
    return {
      cdc: {
        running: this.#running && this.#crashed === null,
        ...(this.#crashed ? { crashed: this.#crashed } : {}),
        groupId: this.options.groupId,
        lag: [...this.#lag.values()].reduce((a, b) => a + b, 0),
        partitions,
        lastBatchAt: this.#lastBatchAt?.toISOString() ?? null,
        deadLettered: this.#deadLettered,
      },
    };
  }

  /** Stops consuming after the message in hand; committed offsets make the next start resume there. */
  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    clearInterval(this.#pruneTimer);
    await this.#consumer.disconnect();
    await this.#producer.disconnect();
  }

  // Creating the topics up front lets a consumer start before the first change of a table exists,
  // with the same settings Debezium's own topics get on this broker.
  async #ensureTopics(): Promise<void> {
    const admin = this.#kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = [...this.#handlers.keys(), this.options.deadLetterTopic].filter((t) => !existing.has(t));
      if (missing.length > 0) await admin.createTopics({ topics: missing.map((topic) => ({ topic })), waitForLeaders: true });
    } finally {
      await admin.disconnect();
    }
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
  ): Promise<boolean> {
    const em = this.options.orm.em.fork() as EntityManager;
    for (let attempt = 0, wait = RETRY_MIN_MS; ; attempt++, wait = Math.min(wait * 2, RETRY_MAX_MS)) {
      try {
        const outcomes = await handler.apply(em, chunk.map((c) => c.parsed));
        for (const outcome of outcomes) this.options.onOutcome?.(handler.topic, outcome);
        return true;
      } catch (error) {
        if (isPermanentFailure(error)) {
          if (chunk.length === 1) {
            await this.#deadLetter(handler.topic, partition, chunk[0]!.message, error);
            return true;
          }
          for (const one of chunk) {
            if (!(await this.#applyChunk(handler, partition, [one], keepGoing))) return false;
          }
          return true;
        }
        const offsets = `${chunk[0]!.message.offset}..${chunk.at(-1)!.message.offset}`;
        this.options.log.warn({ err: error, topic: handler.topic, partition, offsets, attempt }, 'transient failure applying changes; retrying');
        if (!keepGoing()) return false;
        await new Promise((r) => setTimeout(r, wait));
        if (!keepGoing()) return false;
      }
    }
  }

  async #deadLetter(topic: string, partition: number, message: KafkaMessage, error: unknown): Promise<void> {
    const reason = error instanceof Error ? error.message : String(error);
    this.#deadLettered++;
    this.options.log.error({ topic, partition, offset: message.offset, reason }, 'change cannot be applied; sent to the dead-letter topic');
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
