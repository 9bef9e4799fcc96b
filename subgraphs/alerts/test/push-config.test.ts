import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@petcare/service-kit';
import { loadConfig } from '../src/config.ts';
import { writeServiceAccountKey } from './support/push-harness.ts';

const base = { PORT: '0', GATEWAY_SIGNING_SECRET: 'test-gateway-signing-secret-0123456789' };
const dir = mkdtempSync(join(tmpdir(), 'alerts-config-'));
const problems = (env: Record<string, string>) => {
  try {
    loadConfig({ ...base, ...env });
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
};

describe('push configuration', () => {
  it('runs without a key file (pushes off) with the documented defaults', () => {
    const c = loadConfig(base);
    expect(c.FCM_SERVICE_ACCOUNT_FILE).toBeUndefined();
    expect(c).toMatchObject({ FCM_MESSAGES_PER_MINUTE: 600_000, FCM_BATCH_SIZE: 500, FCM_TRANSPORT: 'http2' });
  });

  it('takes http1 as FCM_TRANSPORT and names the variable for anything else', () => {
    expect(loadConfig({ ...base, FCM_TRANSPORT: 'http1' }).FCM_TRANSPORT).toBe('http1');
    expect(problems({ FCM_TRANSPORT: 'http3' })[0]).toMatch(/^FCM_TRANSPORT: /);
  });

  it('reads a service-account key file', () => {
    const file = writeServiceAccountKey(dir, 'petcare-prod');
    expect(loadConfig({ ...base, FCM_SERVICE_ACCOUNT_FILE: file }).FCM_SERVICE_ACCOUNT_FILE).toMatchObject({
      file,
      key: { project_id: 'petcare-prod' },
    });
  });

  it('fails naming FCM_SERVICE_ACCOUNT_FILE for a missing file, bad JSON or a file that is not a key', () => {
    const notJson = join(dir, 'broken.json');
    writeFileSync(notJson, '{"type": "service_account",');
    const noKey = join(dir, 'no-key.json');
    writeFileSync(noKey, JSON.stringify({ type: 'service_account', project_id: 'p', private_key: 'nope', client_email: 'a@b.c' }));
    expect(problems({ FCM_SERVICE_ACCOUNT_FILE: join(dir, 'missing.json') })[0]).toMatch(
      /^FCM_SERVICE_ACCOUNT_FILE: cannot read .*missing\.json/,
    );
    expect(problems({ FCM_SERVICE_ACCOUNT_FILE: notJson })[0]).toMatch(/^FCM_SERVICE_ACCOUNT_FILE: cannot read/);
    expect(problems({ FCM_SERVICE_ACCOUNT_FILE: noKey })[0]).toMatch(
      /^FCM_SERVICE_ACCOUNT_FILE: .* is not a service-account key: private_key is not a PEM private key/,
    );
  });

  it('fails naming the variable for a batch over 500 or a quota that is not a number', () => {
    expect(problems({ FCM_BATCH_SIZE: '501' })[0]).toMatch(/^FCM_BATCH_SIZE:/);
    expect(problems({ FCM_MESSAGES_PER_MINUTE: 'lots' })[0]).toMatch(/^FCM_MESSAGES_PER_MINUTE:/);
  });
});
