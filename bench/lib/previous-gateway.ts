import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The last commit whose gateway had no query limits but its own depth rule: the peer of the attacks benchmark. */
export const PREVIOUS_GATEWAY_COMMIT = '9c4924f3716b2adddeae0bd5d705bb99490adb87';

// The workspace packages the gateway imports, and where each lives in the repository.
const WORKSPACES: Record<string, string> = {
  '@petcare/service-kit': 'packages/service-kit',
  '@petcare/cdc-consumer': 'packages/cdc-consumer',
  '@petcare/cdc': 'cdc',
  '@petcare/schema': 'schema',
};

/**
 * Checks the gateway's sources at `commit` out of git into `.data/bench/` (never into the product), with the
 * workspace packages it imports at the same commit (linked in a `node_modules/@petcare` of their own, found before the
 * repository's), and returns the path of its `src/index.ts`. Third-party libraries still resolve from the
 * repository's node_modules, so both gateways run on the same Node and libraries; our own packages move on, and the
 * old gateway must not meet today's.
 */
export function checkOutPreviousGateway(repoRoot: string, commit: string): string {
  const target = join(repoRoot, '.data/bench/previous-gateway');
  rmSync(target, { recursive: true, force: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const checkOut = (dir: string) => {
    for (const path of git('ls-tree', '-r', '--name-only', commit, dir).split('\n').filter(Boolean)) {
      const out = join(target, path);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, git('show', `${commit}:${path}`));
    }
  };
  checkOut('gateway/src');
  for (const [name, dir] of Object.entries(WORKSPACES)) {
    checkOut(dir);
    const link = join(target, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(target, dir), link, 'dir');
  }
  return join(target, 'gateway/src/index.ts');
}
