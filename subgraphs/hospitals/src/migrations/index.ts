import { Migration20261125Initial } from './migration-20261125-initial.ts';

/** Every migration of the hospitals database, oldest first. */
export const migrations = [Migration20261125Initial];
