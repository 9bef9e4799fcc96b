import { Migration20261125Initial } from './migration-20261125-initial.ts';
import { Migration20261126UserCopy } from './migration-20261126-user-copy.ts';
import { Migration20261130DropUserCopy } from './migration-20261130-drop-user-copy.ts';
import { Migration20261130TwoNeighborhoods } from './migration-20261130-two-neighborhoods.ts';
import { Migration20261202SnapshotPosition } from './migration-20261202-snapshot-position.ts';
import { Migration20261203RequestId } from './migration-20261203-request-id.ts';
import { Migration20261204AppliedChangePartition } from './migration-20261204-applied-change-partition.ts';

/** Every migration of the neighborhoods database, oldest first. */
export const migrations = [Migration20261125Initial, Migration20261126UserCopy, Migration20261130DropUserCopy, Migration20261130TwoNeighborhoods, Migration20261202SnapshotPosition, Migration20261203RequestId, Migration20261204AppliedChangePartition];
