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
  stuck: StuckPartition[];
  /** Messages behind the end of each partition the consumer has read from. */
  lag: { topic: string; partition: number; messages: number }[];
}
