/** A partition whose next change keeps failing with an error that is not the data's fault (not SQLSTATE 22/23). */
export interface StuckPartition {
  topic: string;
  partition: number;
  /** The first offset of what cannot be applied: the partition waits there, in order. */
  offset: string;
  since: string;
  attempts: number;
  error: string;
  /** PostgreSQL's SQLSTATE, when the database raised it (e.g. 42703 for a missing column). */
  sqlState?: string;
}

/** What `/health` shows of a service's CDC consumer. */
export interface ConsumerStatus {
  groupId: string;
  /** running; stuck: some partition cannot go on (see `stuck`); halted: stopped itself (committed offset gone); stopped. */
  state: 'running' | 'stuck' | 'halted' | 'stopped';
  /** True while it consumes (running or stuck); false once stopped, halted or crashed for good. */
  running: boolean;
  /** kafkajs's reason, when the consumer crashed and will not restart itself. */
  crashed?: string;
  stuck: StuckPartition[];
  /** Messages behind the ends of all its partitions. */
  lag: number;
  /** Messages behind the end of each partition the consumer has read from. */
  partitions: { topic: string; partition: number; messages: number }[];
  /** When it last finished a batch (ISO-8601), or null. */
  lastBatchAt: string | null;
  /** Changes sent to the dead-letter topic since the process started. */
  deadLettered: number;
}
