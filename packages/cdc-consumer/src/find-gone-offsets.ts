import type { Admin } from 'kafkajs';
import type { GoneOffset } from './committed-offset-gone-error.ts';

/**
 * The partitions on which a group's committed offset lies outside what the topic holds: below the first kept
 * offset (deleted by retention) or beyond the end (the topic re-created). A partition without a committed offset
 * (a new group) is fine: it starts from the beginning.
 */
export async function findGoneOffsets(admin: Admin, groupId: string, topics: readonly string[]): Promise<GoneOffset[]> {
  const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
  const gone: GoneOffset[] = [];
  for (const { topic, partitions } of committed) {
    const held = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p]));
    for (const { partition, offset } of partitions) {
      const range = held.get(partition);
      if (!range || BigInt(offset) < 0n) continue;
      if (BigInt(offset) < BigInt(range.low) || BigInt(offset) > BigInt(range.high)) {
        gone.push({ topic, partition, committed: offset, low: range.low, high: range.high });
      }
    }
  }
  return gone;
}
