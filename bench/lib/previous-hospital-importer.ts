import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ServiceDatabase } from '@petcare/service-kit';

/** The last commit before the import was rewritten: the peer the new importer is measured against. */
export const PREVIOUS_IMPORTER_COMMIT = '65202c3eed9784abfcfed5813f495c218f2818ca';

/** The importer and the schema it wrote to, as they were at PREVIOUS_IMPORTER_COMMIT. */
export interface PreviousImporter {
  database: ServiceDatabase;
  importHospitals: (em: EntityManager, file: string) => Promise<{ rowsRead: number; inserted: number; updated: number }>;
}

/**
 * Checks the previous importer's files out of git into `.data/bench/` (never into the product) and loads them: the
 * same code path the seed ran before this change, byte for byte, on the same Node and libraries.
 */
export async function loadPreviousImporter(repoRoot: string): Promise<PreviousImporter> {
  const target = join(repoRoot, '.data/bench/previous-hospitals');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const paths = git('ls-tree', '-r', '--name-only', PREVIOUS_IMPORTER_COMMIT, 'subgraphs/hospitals/src/modules/hospital', 'subgraphs/hospitals/src/migrations')
    .split('\n')
    .filter(Boolean);
  for (const path of paths) {
    const out = join(target, path.replace('subgraphs/hospitals/src/', ''));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, git('show', `${PREVIOUS_IMPORTER_COMMIT}:${path}`));
  }
  const load = (path: string) => import(pathToFileURL(join(target, path)).href);
  const [{ importHospitals }, { Hospital }, { migrations }] = await Promise.all([
    load('modules/hospital/hospital.importer.ts'),
    load('modules/hospital/hospital.entity.ts'),
    load('migrations/index.ts'),
  ]);
  return { database: { entities: [Hospital], migrations }, importHospitals };
}
