import { createLogger, openDatabase } from '@petcare/service-kit';
import { DEMO_ACCOUNT } from '@petcare/service-kit/development';
import { loadConfig } from './config.ts';
import { User } from './modules/user/user.entity.ts';
import { hashPassword } from './modules/user/password.ts';
import { database } from './database.ts';

// The users seed needs no public data: it only makes the demo account the other services' seeds refer to.
const config = loadConfig();
const log = createLogger('users-seed', config.LOG_LEVEL);
const orm = await openDatabase({ url: config.DATABASE_URL, ...database, log });
try {
  const em = orm.em.fork();
  const existing = await em.findOne(User, { id: DEMO_ACCOUNT.userId });
  if (existing) {
    log.info({ email: DEMO_ACCOUNT.email }, 'demo account already present');
  } else {
    em.create(User, {
      id: DEMO_ACCOUNT.userId,
      email: DEMO_ACCOUNT.email,
      displayName: DEMO_ACCOUNT.displayName,
      passwordHash: await hashPassword(DEMO_ACCOUNT.password),
    });
    await em.flush();
    log.info({ email: DEMO_ACCOUNT.email }, 'demo account created');
  }
} finally {
  await orm.close();
}
