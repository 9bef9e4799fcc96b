import { spawn } from 'node:child_process';
import { stackLayout, type StackOptions } from './stack-layout.ts';

/**
 * Runs each subgraph's seed (`src/seed.ts`) in turn. Each seed applies its service's migrations first
 * and is idempotent, so running it on every start is safe; with no `dataDir` the seeds load nothing
 * but the demo account and say how to load the public data.
 */
export async function runSeeds(options: StackOptions, dataDir: string | undefined): Promise<void> {
  for (const s of stackLayout(options).subgraphs) {
    const env = { ...process.env, ...s.env, ...(dataDir ? { DATA_DIR: dataDir } : {}) };
    if (!dataDir) delete env['DATA_DIR'];
    const code = await new Promise<number | null>((resolve) => {
      const proc = spawn(process.execPath, ['--import', 'tsx', 'src/seed.ts'], { cwd: s.dir, env, stdio: 'inherit' });
      proc.once('exit', resolve);
    });
    if (code !== 0) throw new Error(`seed of ${s.name} failed with exit code ${code}`);
  }
}
