import type { Logger } from 'pino';
import { createLogger } from '../logging/create-logger.ts';
import type { Role } from '../identity/caller.ts';
import type { ServiceHandle } from '../server/service-handle.ts';
import { dropTestDatabase, testDatabaseUrl } from './test-database.ts';
import { gatewaySignedRequest, type GraphQLResponse } from './gateway-signed-request.ts';

/** The gateway signing secret every test subgraph is built with. */
export const TEST_GATEWAY_SECRET = 'test-gateway-signing-secret-0123456789';

/** A subgraph built for one integration test file, on its own database, listening on a free port. */
export interface TestSubgraph<S extends ServiceHandle> {
  service: S;
  url: string;
  /** The database it runs on. */
  databaseUrl: string;
  /** Sends an operation as the gateway would, signed for `userId` (anonymous by default) with `roles`. */
  call<T = any>(query: string, variables?: Record<string, unknown>, userId?: string | null, roles?: readonly Role[]): Promise<GraphQLResponse<T>>;
  /** Runs SQL on the subgraph's own database. */
  sql<T = any>(query: string, params?: unknown[]): Promise<T[]>;
  /** Closes the service and drops its database (unless it was given one: see startTestSubgraph). */
  close(): Promise<void>;
}

/**
 * Builds a subgraph the way its `index.ts` would, from the environment a test gives (`PORT`, `DATABASE_URL`
 * of a fresh database, the signing secret and a silent log level are filled in), so the real migrations build
 * its database; and listens on a free port. A `DATABASE_URL` in `env` runs it on that database instead (a second
 * instance of a service beside the first, as in a deployment); the database is then the first one's to drop.
 */
export async function startTestSubgraph<S extends ServiceHandle>(
  name: string,
  build: (env: Record<string, string>, log: Logger) => Promise<S>,
  env: Record<string, string> = {},
): Promise<TestSubgraph<S>> {
  const ownsDatabase = env['DATABASE_URL'] === undefined;
  const databaseUrl = env['DATABASE_URL'] ?? testDatabaseUrl(name);
  const service = await build(
    { PORT: '0', GATEWAY_SIGNING_SECRET: TEST_GATEWAY_SECRET, LOG_LEVEL: 'silent', ...env, DATABASE_URL: databaseUrl },
    createLogger(name, 'silent'),
  );
  const url = await service.server.listen(0);
  return {
    service,
    url,
    databaseUrl,
    call: (query, variables = {}, userId = null, roles = []) => gatewaySignedRequest(url, TEST_GATEWAY_SECRET, query, variables, userId, roles),
    sql: (query, params = []) => service.orm.em.getConnection().execute(query, params),
    close: async () => {
      await service.close();
      if (ownsDatabase) await dropTestDatabase(databaseUrl);
    },
  };
}
