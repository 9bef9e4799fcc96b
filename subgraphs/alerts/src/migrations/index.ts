import { Migration20261126Alerts } from './migration-20261126-alerts.ts';
import { Migration20261126Copies } from './migration-20261126-copies.ts';
import { Migration20261130VerificationLifecycle } from './migration-20261130-verification-lifecycle.ts';
import { Migration20261201Push } from './migration-20261201-push.ts';
import { Migration20261202SnapshotPosition } from './migration-20261202-snapshot-position.ts';
import { Migration20261204AppliedChangePartition } from './migration-20261204-applied-change-partition.ts';

/** Every migration of the alerts database, oldest first. */
export const migrations = [Migration20261126Alerts, Migration20261126Copies, Migration20261130VerificationLifecycle, Migration20261201Push, Migration20261202SnapshotPosition, Migration20261204AppliedChangePartition];
