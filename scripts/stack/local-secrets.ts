import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The two secrets the local stack needs; generated once per checkout, never committed, never defaulted in code. */
export interface LocalSecrets {
  GATEWAY_SIGNING_SECRET: string;
  ACCESS_TOKEN_SECRET: string;
}

/**
 * Reads the checkout's local secrets from `file`, creating them on first use. Values already in the
 * environment win, so a deployment passes its own and this file is only a developer convenience.
 */
export function localSecrets(file: string, env: NodeJS.ProcessEnv = process.env): LocalSecrets {
  let stored: Partial<LocalSecrets> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>;
  const secrets: LocalSecrets = {
    GATEWAY_SIGNING_SECRET: env['GATEWAY_SIGNING_SECRET'] ?? stored.GATEWAY_SIGNING_SECRET ?? randomBytes(36).toString('base64url'),
    ACCESS_TOKEN_SECRET: env['ACCESS_TOKEN_SECRET'] ?? stored.ACCESS_TOKEN_SECRET ?? randomBytes(36).toString('base64url'),
  };
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}
