import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The last commit whose gateway had no query limits but its own depth rule: the peer of the attacks benchmark. */
export const PREVIOUS_GATEWAY_COMMIT = '9c4924f3716b2adddeae0bd5d705bb99490adb87';

/**
 * Checks the gateway's sources at `commit` out of git into `.data/bench/` (never into the product) and returns the
 * path of its `src/index.ts`: run from there, it resolves the repository's node_modules, so both gateways run on the
 * same Node and libraries.
 */
export function checkOutPreviousGateway(repoRoot: string, commit: string): string {
  const target = join(repoRoot, '.data/bench/previous-gateway');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  for (const path of git('ls-tree', '-r', '--name-only', commit, 'gateway/src').split('\n').filter(Boolean)) {
    const out = join(target, path);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, git('show', `${commit}:${path}`));
  }
  return join(target, 'gateway/src/index.ts');
}
