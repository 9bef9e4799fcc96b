import type { KafkaMessage } from 'kafkajs';
import { headerText } from './header-text.ts';

/**
 * The header, and its value, of the record the connectors' SnapshotEndChannel writes into each partition of a table's
 * topic when a snapshot has read that table (cdc/README.md, "Snapshot-end markers"). Every reader of a table topic
 * tells it from a change event by this header.
 */
export const SNAPSHOT_END_HEADER = 'petcare.marker';
export const SNAPSHOT_END = 'snapshot-end';

/** Whether a message of a table topic is a snapshot-end marker rather than a change. */
export function isSnapshotEndMarker(message: Pick<KafkaMessage, 'headers'>): boolean {
  return headerText(message, SNAPSHOT_END_HEADER) === SNAPSHOT_END;
}
