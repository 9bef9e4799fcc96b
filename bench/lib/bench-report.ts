import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

/**
 * One row of a benchmark: a subject (ours, or a peer) in a scenario, with camelCase metrics ending in their unit;
 * null for a metric a subject was not measured on (a peer importer has no search).
 */
export type BenchRow = { subject: string; scenario: string } & Record<string, string | number | null>;

const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));

/**
 * Writes `bench/results/<name>.json` in the one format of ../shared/BENCH.md and prints the rows as a
 * Markdown table, so figures are committed with the change that produced them.
 */
export function writeBenchReport(name: string, rows: BenchRow[]): string {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    // not a checkout: the figures still stand, without a commit to tie them to
  }
  const report = {
    benchmark: name,
    ranAt: new Date().toISOString(),
    commit,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      // A shared machine's other work shows in every timing: the load when the figures were written, to read them by.
      loadAverage1m: Math.round(os.loadavg()[0]! * 100) / 100,
    },
    rows,
  };
  mkdirSync(resultsDir, { recursive: true });
  const file = `${resultsDir}${name}.json`;
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  console.log(`\n| ${columns.join(' | ')} |\n| ${columns.map(() => '---').join(' | ')} |`);
  for (const r of rows) console.log(`| ${columns.map((c) => r[c] ?? '—').join(' | ')} |`);
  console.log(`\nwritten to ${file}`);
  return file;
}

/** The q-quantile (0..1) of already sorted numbers, nearest-rank. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
