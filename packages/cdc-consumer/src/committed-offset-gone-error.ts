/** Where a consumer group's committed position lies outside what a partition still holds. */
export interface GoneOffset {
  topic: string;
  partition: number;
  /** The group's committed offset: the next message it would read. */
  committed: string;
  /** The first offset the partition still holds. */
  low: string;
  /** The offset the next message written to the partition gets. */
  high: string;
}

/**
 * A consumer group's committed offset is no longer in its topic: retention deleted the changes after it (the
 * consumer was away longer than the topic keeps them), or the topic was re-created (Kafka's data lost). Reading
 * on from the earliest kept offset would silently skip what is gone, so the consumer stops instead; the way on is
 * an operator's decision (rebuild the copies from a compacted topic, or a connector re-snapshot).
 */
export class CommittedOffsetGoneError extends Error {
  constructor(
    readonly groupId: string,
    readonly gone: readonly GoneOffset[],
  ) {
    super(
      `consumer group ${groupId} stopped: its committed offset is no longer in the topic (${gone
        .map((g) => `${g.topic}[${g.partition}] committed ${g.committed}, topic holds ${g.low}..${g.high}`)
        .join('; ')}); the changes in between are lost to this consumer, so it does not reset to the earliest offset. ` +
        'Rebuild its copies (drop the group and the copy tables\' bookkeeping, see cdc/README.md "Rebuilding a copy") or re-snapshot the source connector',
    );
    this.name = 'CommittedOffsetGoneError';
  }
}
