import { Migration20261125Initial } from './migration-20261125-initial.ts';
import { Migration20261201Register } from './migration-20261201-register.ts';
import { Migration20261201NeighborhoodCopy } from './migration-20261201-neighborhood-copy.ts';
import { Migration20261201Outbox } from './migration-20261201-outbox.ts';
import { Migration20261202SnapshotPosition } from './migration-20261202-snapshot-position.ts';
import { Migration20261203OutboxRequestId } from './migration-20261203-outbox-request-id.ts';
import { Migration20261204AppliedChangePartition } from './migration-20261204-applied-change-partition.ts';

/** Every migration of the hospitals database, oldest first. */
export const migrations = [Migration20261125Initial, Migration20261201Register, Migration20261201NeighborhoodCopy, Migration20261201Outbox, Migration20261202SnapshotPosition, Migration20261203OutboxRequestId, Migration20261204AppliedChangePartition];
