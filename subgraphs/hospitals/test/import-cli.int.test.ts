import { execFile } from 'node:child_process';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { dropTestDatabase, testDatabaseUrl } from '@petcare/service-kit/testing';
import { HOSPITALS_2022, HOSPITALS_2023 } from './support/hospitals-under-test.ts';

// `npm run import:hospitals` as an operator runs it: a child process against a database of its own, judged by its
// exit code and the JSON line it ends with.
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const hospitalsDir = fileURLToPath(new URL('..', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const databaseUrl = testDatabaseUrl('hospitals');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  last: Record<string, unknown> | null;
}

function jsonOrNull(line: string): Record<string, unknown> | null {
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}

function run(command: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: { ...process.env, DATABASE_URL: databaseUrl, INIT_CWD: cwd } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr, last: jsonOrNull(stdout.trimEnd().split('\n').at(-1) ?? '') });
    });
  });
}
const importCli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'src/import.ts', ...args], hospitalsDir);

afterAll(async () => {
  await dropTestDatabase(databaseUrl);
});

describe('npm run import:hospitals', () => {
  it('imports a file into an empty database, migrating it first, and ends with the counts as JSON', async () => {
    const first = await importCli(HOSPITALS_2022, '--json');
    expect(first.code).toBe(0);
    expect(first.last).toEqual({ read: 9546, inserted: 9546, updated: 0, unchanged: 0, rejected: 0, delisted: 0 });
    expect(first.stdout).toContain('9,546 read · 9,546 inserted · 0 updated · 0 unchanged · 0 rejected · 0 delisted');
  });

  it('runs from the repository root as the npm script, taking a path relative to where the operator typed it', async () => {
    const fromRoot = relative(repoRoot, HOSPITALS_2023);
    expect(fromRoot.startsWith('/')).toBe(false);
    const newer = await run('npm', ['run', '--silent', 'import:hospitals', '--', fromRoot, '--json'], repoRoot);
    expect(newer.code, newer.stderr).toBe(0);
    expect(newer.last).toMatchObject({ read: 9736, inserted: 198, rejected: 0, delisted: 8 });
    const again = await importCli(HOSPITALS_2023, '--json');
    expect(again.last).toMatchObject({ inserted: 0, updated: 0, unchanged: 9736 });
  });

  it('reports rejected rows by line and still imports the rest, exiting 0', async () => {
    const res = await importCli(fixture('localdata-hospitals-broken-rows.csv'), '--json', '--partial');
    expect(res.code).toBe(0);
    expect(res.last).toEqual({ read: 13, inserted: 5, updated: 0, unchanged: 0, rejected: 8, delisted: 0 });
    expect(res.stdout).toContain('line 3: broken quote: a field opens a quote it never closes');
    expect(res.stdout).toContain('line 9: no 관리번호');
  });

  it('fails with exit code 1, naming the problem, for a file that is not this dataset or cannot be read', async () => {
    const notOurs = await importCli(fixture('not-localdata.csv'), '--json');
    expect(notOurs.code).toBe(1);
    expect(notOurs.stderr).toContain('import failed, nothing was written: not a LOCALDATA 동물병원 file: the header has no 관리번호, 사업장명, 영업상태구분코드, 최종수정시점 column');
    expect(notOurs.last).toEqual({ error: expect.stringContaining('관리번호, 사업장명, 영업상태구분코드, 최종수정시점') });
    const missing = await importCli('/nonexistent/hospitals.csv');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('cannot read /nonexistent/hospitals.csv: no such file');
  });

  it('exits 2 with its usage when called wrongly', async () => {
    for (const args of [[], ['a.csv', 'b.csv'], ['a.csv', '--jsno']]) {
      const res = await importCli(...args);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr).toContain('usage: npm run import:hospitals -- <file.csv> [--json] [--partial]');
    }
  });
});
