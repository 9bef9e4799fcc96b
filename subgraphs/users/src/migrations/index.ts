import { Migration20261125Initial } from './migration-20261125-initial.ts';
import { Migration20261201Roles } from './migration-20261201-roles.ts';
import { Migration20261201ProcessedEvents } from './migration-20261201-processed-events.ts';
import { Migration20261202SignInLimits } from './migration-20261202-sign-in-limits.ts';
import { Migration20261202RefreshTokens } from './migration-20261202-refresh-tokens.ts';

import { Migration20261203RequestId } from './migration-20261203-request-id.ts';
/** Every migration of the users database, oldest first. */
export const migrations = [Migration20261125Initial, Migration20261201Roles, Migration20261201ProcessedEvents, Migration20261202SignInLimits, Migration20261202RefreshTokens, Migration20261203RequestId];
