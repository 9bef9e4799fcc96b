import { createHash } from 'node:crypto';
import pg from 'pg';
import { RateLimiterPostgres, type RateLimiterRes } from 'rate-limiter-flexible';
import { tooManyRequests, type Logger } from '@petcare/service-kit';

/** How many failed sign-ins are allowed, over which window, and how long a key is then refused. */
export interface SignInLimits {
  /** Failed sign-ins for one e-mail address (whether or not it has an account) before it is refused. */
  perAccount: number;
  /** Failed sign-ins from one client address, whatever the e-mail, before it is refused. */
  perAddress: number;
  /** Window (seconds) failures are counted in, from a key's first failure; a used-up key is refused until it ends. */
  windowSeconds: number;
}

/**
 * Counts failed sign-ins per account and per client address in the users database (rate-limiter-flexible's Postgres
 * store, shared by every users instance), and refuses a sign-in while either is used up, before the password is
 * checked. The account key is the e-mail's hash, counted the same whether an account has it or not, so being limited
 * says nothing about whether an address is registered. A successful sign-in clears its account's count.
 */
export class SignInLimiter {
  readonly #pool: pg.Pool;
  readonly #byAccount: RateLimiterPostgres;
  readonly #byAddress: RateLimiterPostgres;
  readonly #limits: SignInLimits;

  constructor(databaseUrl: string, limits: SignInLimits, log: Logger) {
    this.#limits = limits;
    // Its own two connections: the library speaks node-postgres, not MikroORM; the table comes from our migrations.
    this.#pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    // An idle connection the server ends (a restart, a failover) is replaced on next use; unhandled, it would crash us.
    this.#pool.on('error', (error) => log.warn({ err: error }, 'sign-in limiter: an idle database connection failed'));
    const common = { storeClient: this.#pool, tableName: 'sign_in_limit', tableCreated: true, clearExpiredByTimeout: false, duration: limits.windowSeconds };
    this.#byAccount = new RateLimiterPostgres({ ...common, keyPrefix: 'account', points: limits.perAccount });
    this.#byAddress = new RateLimiterPostgres({ ...common, keyPrefix: 'address', points: limits.perAddress });
  }

  /** Throws TOO_MANY_REQUESTS when this e-mail or this client address has used up its failed sign-ins. */
  async check(email: string, clientAddress: string | undefined): Promise<void> {
    const [account, address] = await Promise.all([
      this.#byAccount.get(accountKey(email)),
      clientAddress ? this.#byAddress.get(clientAddress) : Promise.resolve(null),
    ]);
    const waits = [usedUp(account, this.#limits.perAccount), usedUp(address, this.#limits.perAddress)].filter((ms) => ms > 0);
    if (waits.length === 0) return;
    const retryAfterSeconds = Math.max(1, Math.ceil(Math.max(...waits) / 1000));
    throw tooManyRequests(`too many failed sign-ins: try again in ${retryAfterSeconds} s`, retryAfterSeconds);
  }

  /** Counts one failed sign-in against the e-mail and the client address. */
  async failed(email: string, clientAddress: string | undefined): Promise<void> {
    await Promise.all([
      this.#byAccount.penalty(accountKey(email), 1),
      clientAddress ? this.#byAddress.penalty(clientAddress, 1) : Promise.resolve(),
    ]);
  }

  /** Forgets the e-mail's failures after a successful sign-in (the address keeps its count: it may be guessing others). */
  async succeeded(email: string): Promise<void> {
    await this.#byAccount.delete(accountKey(email));
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}

const accountKey = (email: string) => createHash('sha256').update(email).digest('hex');

/** Milliseconds until a key may try again; 0 while it has attempts left. */
function usedUp(res: RateLimiterRes | null, points: number): number {
  return res && res.consumedPoints >= points ? res.msBeforeNext : 0;
}
