import { Migration20261126Alerts } from './migration-20261126-alerts.ts';

/** Every migration of the alerts database, oldest first. */
export const migrations = [Migration20261126Alerts];
