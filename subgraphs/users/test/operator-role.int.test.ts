import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, verifyAccessToken } from '@petcare/service-kit';
import { dropTestDatabase, gatewaySignedRequest, testDatabaseUrl } from '@petcare/service-kit/testing';
import { loadConfig } from '../src/config.ts';
import { buildUsersService, type UsersService } from '../src/server.ts';

// The operator role as the operator and the app see it: granted by the command-line tool (run as a child
// process, as `npm run operator` runs it), stated in the access token from the next sign-in, taken back by revoke.
const secret = 'test-gateway-signing-secret-0123456789';
const accessSecret = 'test-access-token-secret-0123456789abc';
const databaseUrl = testDatabaseUrl('users');
const usersDir = fileURLToPath(new URL('..', import.meta.url));
let service: UsersService;
let url: string;

const call = (query: string, variables: Record<string, unknown> = {}) => gatewaySignedRequest<any>(url, secret, query, variables);

/** Runs `npm run operator -- …`'s entry point against the test database; resolves with its exit code and output. */
function operator(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/operator.ts', ...args], { cwd: usersDir, env: { ...process.env, DATABASE_URL: databaseUrl } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function signIn(email: string): Promise<string[]> {
  const res = await call(`mutation ($e: EmailAddress!) { signIn(input: {email: $e, password: "long enough pw"}) { token } }`, { e: email });
  return [...(await verifyAccessToken(accessSecret, res.data.signIn.token)).roles];
}

beforeAll(async () => {
  service = await buildUsersService(
    loadConfig({ PORT: '0', DATABASE_URL: databaseUrl, GATEWAY_SIGNING_SECRET: secret, ACCESS_TOKEN_SECRET: accessSecret, LOG_LEVEL: 'silent' }),
    createLogger('users', 'silent'),
  );
  url = await service.server.listen(0);
  for (const email of ['ops@example.com', 'plain@example.com']) {
    await call(`mutation ($e: EmailAddress!) { signUp(input: {email: $e, password: "long enough pw", displayName: "x"}) { token } }`, { e: email });
  }
});

afterAll(async () => {
  await service?.close();
  await dropTestDatabase(databaseUrl);
});

describe('npm run operator', () => {
  it('grants the role, which the next sign-in puts in the access token; granting again changes nothing', async () => {
    expect(await signIn('ops@example.com')).toEqual([]);
    const granted = await operator('grant', 'OPS@example.com');
    expect(granted).toMatchObject({ code: 0, stdout: 'granted OPERATOR to ops@example.com: effective from their next sign-in\n' });
    expect(await signIn('ops@example.com')).toEqual(['OPERATOR']);
    expect(await signIn('plain@example.com')).toEqual([]);

    const [before] = await service.orm.em.getConnection().execute(`select roles, updated_at from app_user where email = 'ops@example.com'`);
    expect(await operator('grant', 'ops@example.com')).toMatchObject({ code: 0, stdout: 'ops@example.com already holds OPERATOR: nothing to do\n' });
    const [after] = await service.orm.em.getConnection().execute(`select roles, updated_at from app_user where email = 'ops@example.com'`);
    expect(after).toEqual(before);
    expect(after!['roles']).toEqual(['OPERATOR']);
  });

  it('lists the accounts holding a role', async () => {
    expect(await operator('list')).toMatchObject({ code: 0, stdout: 'ops@example.com\tx\tOPERATOR\n' });
  });

  it('revokes it: the next token states no role', async () => {
    expect(await operator('revoke', 'ops@example.com')).toMatchObject({ code: 0 });
    expect(await signIn('ops@example.com')).toEqual([]);
    expect(await operator('revoke', 'ops@example.com')).toMatchObject({ code: 0, stdout: 'ops@example.com does not hold OPERATOR: nothing to do\n' });
    expect(await operator('list')).toMatchObject({ code: 0, stdout: 'no account holds a role\n' });
  });

  it('names an unknown e-mail and fails; refuses a malformed command with its usage', async () => {
    const unknown = await operator('grant', 'nobody@example.com');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no account has the e-mail nobody@example.com');
    const usage = await operator('promote', 'ops@example.com');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage: npm run operator -- grant <email> | revoke <email> | list');
    expect((await operator('grant')).code).toBe(2);
  });

  it('keeps unknown roles out of the table', async () => {
    await expect(
      service.orm.em.getConnection().execute(`update app_user set roles = array['ADMIN'] where email = 'plain@example.com'`),
    ).rejects.toThrow(/app_user_roles_known/);
  });
});
