import { createLogger, openDatabase, type Role } from '@petcare/service-kit';
import { loadOperatorCliConfig } from './config.ts';
import { database } from './database.ts';
import { grantRole, listRoleHolders, revokeRole, type RoleChange } from './modules/user/account-roles.ts';

// `npm run operator -- grant|revoke <email>` / `list`: the only way an account becomes an operator. There is no
// API for it on purpose: a stolen operator token must not be able to mint more operators.
const ROLE: Role = 'OPERATOR';
const USAGE = `usage: npm run operator -- grant <email> | revoke <email> | list
  grant   gives the account the ${ROLE} role (effective from its next sign-in: tokens already issued do not change)
  revoke  takes it away (tokens already issued keep it until they expire)
  list    every account holding a role
  DATABASE_URL selects the users database (default postgres://postgres@127.0.0.1:5432/petcare_users)`;

const [command, email, ...extra] = process.argv.slice(2);
const wantsEmail = command === 'grant' || command === 'revoke';
if (!(wantsEmail || command === 'list') || (wantsEmail && !email) || (command === 'list' && email) || extra.length > 0) {
  console.error(USAGE);
  process.exit(2);
}

function report(change: RoleChange, verb: 'granted' | 'revoked'): number {
  switch (change.outcome) {
    case 'no-such-account':
      console.error(`no account has the e-mail ${change.email}: nothing ${verb} (the person signs up in the app first)`);
      return 1;
    case 'unchanged':
      console.log(`${change.email} ${verb === 'granted' ? 'already holds' : 'does not hold'} ${ROLE}: nothing to do`);
      return 0;
    case 'changed':
      console.log(
        verb === 'granted'
          ? `granted ${ROLE} to ${change.email}: effective from their next sign-in`
          : `revoked ${ROLE} from ${change.email}: tokens already issued keep it until they expire`,
      );
      return 0;
  }
}

const config = loadOperatorCliConfig();
const log = createLogger('users-operator', config.LOG_LEVEL);
const orm = await openDatabase({ url: config.DATABASE_URL, ...database, log, poolMax: 1 });
try {
  const em = orm.em.fork();
  if (command === 'grant') process.exitCode = report(await grantRole(em, ROLE, email!), 'granted');
  else if (command === 'revoke') process.exitCode = report(await revokeRole(em, ROLE, email!), 'revoked');
  else {
    const holders = await listRoleHolders(em);
    if (holders.length === 0) console.log('no account holds a role');
    for (const h of holders) console.log(`${h.email}\t${h.displayName}\t${h.roles.join(',')}`);
  }
} catch (error) {
  console.error(`operator ${command} failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await orm.close();
}
