// examples/quality-sample as a real git repository with a pull request, and the reports the real tools write for it:
// the base branch (main) checked out in one folder, the pull request's branch in another, as CI checks each out.
// Also what the tools say in their own words (Jest's --json, Istanbul's summary, coverage.py's JSON, ESLint's
// counts, `git diff`), read here independently of the gate, so its figures can be checked against them.
import { execFile, spawnSync } from 'node:child_process';
import { accessSync, constants, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const SAMPLE_DIR = path.join(root, 'examples/quality-sample');
/** Where .ci/install-scanners.sh puts pytest (with pytest-cov); looked at before PATH. */
const TOOLS_BIN = path.join(root, '.cache/scanners/bin');
const TOOL_TIMEOUT_MS = 120_000;

export interface SampleRepository {
  /** The base branch's checkout (main), its reports made with every test passing. */
  base: string;
  /** The pull request's checkout (branch pull-request, pull-request.patch applied), one Jest and one pytest test failing. */
  pullRequest: string;
  /** The commit the pull request branched from: what `diff-base` names. */
  baseCommit: string;
  remove(): void;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: TOOL_TIMEOUT_MS });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} (in ${cwd}) exited ${result.status}:\n${result.stdout}${result.stderr}`,
    );
  }
  return result.stdout;
}

/** git with a fixed identity and none of the machine's configuration (hooks, signing, templates). */
function git(cwd: string, ...args: string[]): string {
  return run('git', args, cwd, {
    ...process.env,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Sample Author',
    GIT_AUTHOR_EMAIL: 'author@example.com',
    GIT_COMMITTER_NAME: 'Sample Author',
    GIT_COMMITTER_EMAIL: 'author@example.com',
  }).trim();
}

const executable = (file: string): boolean => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** Fails, naming the install command, when a tool make-reports.sh needs is not installed (never a skip). */
function requireTools(): void {
  const directories = [TOOLS_BIN, ...(process.env['PATH'] ?? '').split(path.delimiter)].filter((d) => d !== '');
  if (!directories.some((directory) => executable(path.join(directory, 'pytest')))) {
    throw new Error(
      "pytest is not installed: run 'bash .ci/install-scanners.sh' from the repository root (it installs the " +
        'pinned pytest, pytest-cov and coverage.py into .cache/scanners/bin, where this test looks first, then on PATH)',
    );
  }
  if (!executable(path.join(SAMPLE_DIR, 'node_modules/.bin/jest'))) {
    throw new Error(
      "examples/quality-sample has no node_modules/.bin/jest: run 'npx pnpm@10.34.9 install' from the repository root",
    );
  }
}

/** Runs make-reports.sh in a checkout; QUALITY_SAMPLE_FAIL=1 makes one Jest and one pytest test fail. */
async function makeReports(checkout: string, failOnPurpose: boolean): Promise<void> {
  symlinkSync(path.join(SAMPLE_DIR, 'node_modules'), path.join(checkout, 'node_modules'), 'dir');
  const env = {
    ...process.env,
    PATH: [TOOLS_BIN, process.env['PATH'] ?? ''].join(path.delimiter),
    QUALITY_SAMPLE_FAIL: failOnPurpose ? '1' : '0',
  };
  try {
    await promisify(execFile)('bash', ['make-reports.sh'], { cwd: checkout, env, timeout: TOOL_TIMEOUT_MS });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`make-reports.sh failed in ${checkout}:\n${stdout ?? ''}${stderr ?? ''}`, { cause: error });
  }
}

/** The sample as committed (tracked files and new ones not ignored; never node_modules or old reports). */
function copySample(to: string): void {
  const files = git(root, 'ls-files', '--cached', '--others', '--exclude-standard', '--', 'examples/quality-sample')
    .split('\n')
    .filter((file) => file !== '');
  const prefix = 'examples/quality-sample/';
  for (const file of files) cpSync(path.join(root, file), path.join(to, file.slice(prefix.length)));
}

export async function sampleRepository(): Promise<SampleRepository> {
  requireTools();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'quality-gate-e2e-'));
  try {
    const pullRequest = path.join(dir, 'pull-request');
    const base = path.join(dir, 'main');
    copySample(pullRequest);
    git(pullRequest, 'init', '--quiet', '--initial-branch=main');
    git(pullRequest, 'add', '--all');
    git(pullRequest, 'commit', '--quiet', '--message', 'the shop');
    const baseCommit = git(pullRequest, 'rev-parse', 'HEAD');
    git(pullRequest, 'switch', '--quiet', '--create', 'pull-request');
    git(pullRequest, 'apply', 'pull-request.patch');
    git(pullRequest, 'add', '--all');
    git(pullRequest, 'commit', '--quiet', '--message', 'shipping costs and restocking');
    git(pullRequest, 'worktree', 'add', '--quiet', base, 'main');

    // Both at once: the tools are single-threaded and the checkouts share nothing.
    await Promise.all([makeReports(base, false), makeReports(pullRequest, true)]);
    return { base, pullRequest, baseCommit, remove: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

// ---- What the tools say themselves ----

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

export interface Count {
  covered: number;
  total: number;
}
export interface CoverageTotals {
  lines: Count;
  branches: Count;
  functions?: Count;
}

/** Istanbul's own totals (coverage-summary.json, written by Jest's json-summary reporter). */
export function istanbulTotals(checkout: string): CoverageTotals {
  type Entry = { total: number; covered: number };
  const { total } = readJson<{ total: Record<'lines' | 'branches' | 'functions', Entry> }>(
    path.join(checkout, 'reports/coverage-js/coverage-summary.json'),
  );
  const count = (entry: Entry): Count => ({ covered: entry.covered, total: entry.total });
  return { lines: count(total.lines), branches: count(total.branches), functions: count(total.functions) };
}

interface CoveragePyJson {
  totals: { covered_lines: number; num_statements: number; covered_branches: number; num_branches: number };
  files: Record<string, { executed_lines: number[]; missing_lines: number[] }>;
}

/** coverage.py's own totals (its JSON report, from the same run as the Cobertura one). */
export function coveragePyTotals(checkout: string): CoverageTotals {
  const { totals } = readJson<CoveragePyJson>(path.join(checkout, 'reports/coverage-python.json'));
  return {
    lines: { covered: totals.covered_lines, total: totals.num_statements },
    branches: { covered: totals.covered_branches, total: totals.num_branches },
  };
}

/** Per repository path, the coverable lines and whether each ran: LCOV's DA records and coverage.py's JSON. */
export function linesRun(checkout: string): Map<string, Map<number, boolean>> {
  const files = new Map<string, Map<number, boolean>>();
  let current: Map<number, boolean> | undefined;
  for (const line of readFileSync(path.join(checkout, 'reports/coverage-js/lcov.info'), 'utf8').split('\n')) {
    if (line.startsWith('SF:')) files.set(line.slice(3), (current = new Map()));
    const da = /^DA:(\d+),(\d+)/.exec(line);
    if (da) current!.set(Number(da[1]), Number(da[2]) > 0);
  }
  const python = readJson<CoveragePyJson>(path.join(checkout, 'reports/coverage-python.json'));
  for (const [file, lines] of Object.entries(python.files)) {
    const ran = new Map<number, boolean>();
    for (const n of lines.executed_lines) ran.set(n, true);
    for (const n of lines.missing_lines) ran.set(n, false);
    files.set(file, ran);
  }
  return files;
}

/** The lines `git diff` adds on the pull request's side, per path (what a reviewer sees as new). */
export function addedLines(checkout: string, baseCommit: string): Map<string, Set<number>> {
  const added = new Map<string, Set<number>>();
  let lines: Set<number> | undefined;
  for (const line of git(checkout, 'diff', '--unified=0', '--no-renames', baseCommit, 'HEAD').split('\n')) {
    if (line.startsWith('+++ b/')) added.set(line.slice(6), (lines = new Set()));
    const hunk = /^@@ -\S+ \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk) {
      const start = Number(hunk[1]);
      for (let n = start; n < start + Number(hunk[2] ?? '1'); n += 1) lines!.add(n);
    }
  }
  return added;
}

/** Jest's own count of its tests (--json). */
export function jestCounts(checkout: string): TestCounts {
  const results = readJson<Record<string, number>>(path.join(checkout, 'reports/jest.json'));
  return {
    total: results['numTotalTests']!,
    passed: results['numPassedTests']!,
    failed: results['numFailedTests']!,
    skipped: results['numPendingTests']! + results['numTodoTests']!,
  };
}

export interface TestCounts {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
}

/** pytest's own count of its tests: the totals it writes on the JUnit XML's <testsuite>. */
export function pytestCounts(checkout: string): TestCounts & { errored: number } {
  const xml = readFileSync(path.join(checkout, 'reports/pytest-junit.xml'), 'utf8');
  const suite = /<testsuite ([^>]*)>/.exec(xml)![1]!;
  const attribute = (name: string) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(suite)![1]);
  const [total, failed, errored, skipped] = [
    attribute('tests'),
    attribute('failures'),
    attribute('errors'),
    attribute('skipped'),
  ];
  return { total, passed: total - failed - errored - skipped, failed, errored, skipped };
}

export interface EslintMessage {
  path: string;
  line: number;
  ruleId: string | null;
  severity: 1 | 2;
}

/** ESLint's own counts and messages (paths made relative to the checkout). */
export function eslintReport(checkout: string): { errors: number; warnings: number; messages: EslintMessage[] } {
  type FileResult = {
    filePath: string;
    errorCount: number;
    warningCount: number;
    messages: Omit<EslintMessage, 'path'>[];
  };
  const files = readJson<FileResult[]>(path.join(checkout, 'reports/eslint.json'));
  return {
    errors: files.reduce((sum, file) => sum + file.errorCount, 0),
    warnings: files.reduce((sum, file) => sum + file.warningCount, 0),
    messages: files.flatMap((file) =>
      file.messages.map((message) => ({
        path: path.relative(checkout, file.filePath),
        line: message.line,
        ruleId: message.ruleId,
        severity: message.severity,
      })),
    ),
  };
}
