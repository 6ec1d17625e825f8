// The bundled quality-gate run through the harness as the runner runs it, on small reports and a real git repository
// with a real diff-base: changed lines from the merge base (not from the tip of main), renames and new files, a
// shallow clone refused with the fix, a baseline chained through the result file, the cache absent, hostile report
// text. Needs `pnpm build` first, and git.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NODES, bundledAction, errors } from '@actions-kit/testkit/bundles';
import { gitRepo, initRepo, numberedLines, type GitRepo } from './support/git-repo.js';
import { eslint, junit, lcov } from './support/report-files.js';

const action = bundledAction(new URL('..', import.meta.url));
const node20 = (): string => process.execPath;

let repo: GitRepo;
let clone: GitRepo | undefined;

/**
 * main: src/app.ts (10 lines), src/old.ts. Branch feature from there: lines 4-6 of app.ts changed, src/new.ts added,
 * src/old.ts renamed to src/renamed.ts. Then main moves on: line 10 of app.ts changed there, which the feature
 * branch does not have, so a diff from the tip of main would count it as changed by the branch.
 */
function makeHistory(): void {
  repo.write('src/app.ts', numberedLines(10));
  repo.write('src/old.ts', numberedLines(3));
  repo.write('.gitignore', 'coverage/\n*.xml\n*.json\n');
  repo.commit('base');
  repo.git('checkout', '--quiet', '-b', 'feature');
  repo.write(
    'src/app.ts',
    numberedLines(10, (line) => (line >= 4 && line <= 6 ? `changed ${line}` : `line ${line}`)),
  );
  repo.write(
    'src/new.ts',
    numberedLines(3, (line) => `new ${line}`),
  );
  repo.git('mv', 'src/old.ts', 'src/renamed.ts');
  repo.commit('feature work');
  repo.git('checkout', '--quiet', 'main');
  repo.write(
    'src/app.ts',
    numberedLines(10, (line) => (line === 10 ? 'main moved on' : `line ${line}`)),
  );
  repo.commit('main moves on');
  repo.git('checkout', '--quiet', 'feature');
}

/** app.ts: 4 covered, 5 and 6 not, 10 not; new.ts: 1 covered, 2 and 3 not. Lint: errors on app.ts 5 and 9. */
function writeReports(dir: string): void {
  const write = (relative: string, text: string): string => gitRepo(dir).write(relative, text);
  write(
    'coverage/lcov.info',
    lcov({
      'src/app.ts': { 1: 1, 2: 1, 3: 1, 4: 1, 5: 0, 6: 0, 7: 1, 8: 1, 9: 1, 10: 0 },
      'src/new.ts': { 1: 1, 2: 0, 3: 0 },
    }),
  );
  write('junit.xml', junit([{ name: 'adds' }, { name: 'subtracts' }, { name: 'multiplies' }]));
  write(
    'eslint.json',
    eslint(dir, {
      'src/app.ts': [
        { line: 5, rule: 'eqeqeq', severity: 2 },
        { line: 9, rule: 'eqeqeq', severity: 2 },
      ],
    }),
  );
}

const REPORTS = { coverage: 'coverage/lcov.info', tests: 'junit.xml', lint: 'eslint.json' };

beforeEach(() => {
  repo = initRepo();
  makeHistory();
  writeReports(repo.dir);
});
afterEach(() => {
  repo.remove();
  clone?.remove();
  clone = undefined;
});

describe.each(NODES)('quality-gate under %s', (_label, nodePath) => {
  it('judges the lines changed since the merge base with diff-base, and annotates those that need attention', async () => {
    const result = await action.run(nodePath, {
      workspace: repo.dir,
      inputs: {
        ...REPORTS,
        'diff-base': 'main',
        'min-new-lines': '1',
        conditions: 'new.coverage.lines >= 30\nnew.lint.errors == 1\nlint.errors == 2\ntests.failed == 0',
      },
    });
    expect(errors(result).filter((message) => message.startsWith('quality-gate:'))).toEqual([]);
    expect(result.outcome).toBe('success');
    expect(result.outputs).toMatchObject({
      passed: 'true',
      'failed-conditions': '[]',
      'coverage-lines': '61.54',
      'diff-coverage': '33.33',
      'tests-total': '3',
      'tests-passed': '3',
      'lint-errors': '2',
      'result-file': path.join(repo.dir, 'quality-gate.json'),
    });
    // Uncovered changed lines as ranges; app.ts line 10 changed on main only, so it is not the branch's.
    expect(
      result.annotations.map((a) => [a.level, a.properties.file, a.properties.line, a.properties.endLine]),
    ).toEqual([
      ['error', 'src/app.ts', '5', undefined],
      ['warning', 'src/app.ts', '5', '6'],
      ['warning', 'src/new.ts', '2', '3'],
    ]);
    expect(result.summary).toContain('| Changed lines (6 coverable lines) | 33.33% (2 of 6) | n/a | n/a |');
    expect(result.summary).toContain('Changed lines: git diff from the merge base of `main` and HEAD; 2 files');
    const saved = JSON.parse(readFileSync(path.join(repo.dir, 'quality-gate.json'), 'utf8'));
    expect(saved.newCode).toEqual({
      changedFiles: 2,
      coverableLines: 6,
      metrics: { 'new.coverage.lines': 33.33, 'new.lint.errors': 1, 'new.lint.warnings': 0 },
    });
  });
});

describe('quality-gate (Node 20)', () => {
  it('fails a shallow clone without the base branch, saying to fetch the history', async () => {
    clone = gitRepo();
    repo.git('clone', '--quiet', '--depth', '1', '--branch', 'feature', `file://${repo.dir}`, clone.dir);
    writeReports(clone.dir);
    const result = await action.run(node20, {
      workspace: clone.dir,
      inputs: { ...REPORTS, 'diff-base': 'origin/main', conditions: 'new.coverage.lines >= 0' },
    });
    expect(result.outcome).toBe('failure');
    expect(errors(result)).toEqual([
      "quality-gate: diff-base: 'origin/main' is not a commit in this clone; actions/checkout fetches one commit by " +
        'default: set fetch-depth: 0 on it (or fetch the base branch before this step). On a pull request, use ' +
        'origin/${{ github.base_ref }}',
    ]);
  });

  it('fails when the base branch is fetched but the history to the merge base is not', async () => {
    clone = gitRepo();
    repo.git('clone', '--quiet', '--depth', '1', '--no-single-branch', `file://${repo.dir}`, clone.dir);
    clone.git('checkout', '--quiet', 'feature');
    writeReports(clone.dir);
    const result = await action.run(node20, {
      workspace: clone.dir,
      inputs: { ...REPORTS, 'diff-base': 'origin/main', conditions: 'new.coverage.lines >= 0' },
    });
    expect(result.outcome).toBe('failure');
    expect(errors(result)[0]).toContain("diff-base: 'origin/main' and HEAD have no common commit in this clone");
    expect(errors(result)[0]).toContain('set fetch-depth: 0');
  });

  it('chains runs through the result file: the first is the baseline of the second', async () => {
    const first = await action.run(node20, {
      workspace: repo.dir,
      inputs: { ...REPORTS, 'result-output': 'main-result.json', conditions: 'coverage.lines >= 0' },
    });
    expect(first.outcome).toBe('success');
    repo.write('coverage/lcov.info', lcov({ 'src/app.ts': { 1: 1, 2: 0 } }));
    const second = await action.run(node20, {
      workspace: repo.dir,
      inputs: { ...REPORTS, baseline: 'main-result.json', conditions: 'coverage.lines.delta >= -0.5' },
    });
    expect(second.outcome).toBe('failure');
    expect(errors(second).filter((message) => message.startsWith('quality-gate:'))).toEqual([
      'quality-gate: quality gate failed: coverage.lines.delta >= -0.5 (-11.54 pt is not >= -0.5)',
    ]);
    expect(second.summary).toContain('| Change since the baseline | -11.54 pt | n/a | n/a |');
  });

  it('with baseline: cache and no cache service, warns, and delta conditions are not evaluable', async () => {
    const result = await action.run(node20, {
      workspace: repo.dir,
      event: { name: 'pull_request', payload: { repository: { default_branch: 'main' } } },
      env: { GITHUB_BASE_REF: 'main', GITHUB_REF: 'refs/pull/1/merge' },
      inputs: { ...REPORTS, baseline: 'cache', conditions: 'coverage.lines.delta >= 0\ntests.failed == 0' },
    });
    expect(result.outcome).toBe('success');
    const warnings = result.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
    expect(warnings).toEqual([
      'baseline: no baseline: the cache could not be read (the Actions cache service is not available to this step ' +
        '(ACTIONS_RESULTS_URL is not set)); the *.delta conditions are not evaluable in this run',
    ]);
    expect(result.summary).toContain('1 condition was not evaluable, which is not a pass');
  });

  it('keeps hostile report text from acting as a workflow command', async () => {
    repo.write(
      'junit.xml',
      junit([{ name: '::error::forged', failure: '::warning::forged too\n::stop-commands::x\n::error::and this' }]),
    );
    const result = await action.run(node20, { workspace: repo.dir, inputs: { ...REPORTS } });
    expect(result.outcome).toBe('failure');
    // The failed test, the two lint errors (all of them, as there is no diff) and the step's own error.
    expect(result.annotations.map((a) => a.level)).toEqual(['error', 'error', 'error', 'error']);
    expect(result.annotations.some((a) => a.message === 'forged' || a.message === 'and this')).toBe(false);
    expect(result.annotations[0]?.message).toContain('::error::forged');
  });

  it('in a monorepo folder, reads from working-directory and annotates from the repository root', async () => {
    clone = initRepo();
    clone.write('packages/app/src/x.ts', numberedLines(4));
    clone.write('packages/other/y.ts', numberedLines(4));
    clone.commit('base');
    clone.git('checkout', '--quiet', '-b', 'feature');
    clone.write(
      'packages/app/src/x.ts',
      numberedLines(4, (line) => (line === 2 || line === 3 ? `new ${line}` : `line ${line}`)),
    );
    clone.write(
      'packages/other/y.ts',
      numberedLines(4, (line) => `other ${line}`),
    );
    clone.commit('change both packages');
    clone.write('packages/app/coverage/lcov.info', lcov({ 'src/x.ts': { 1: 1, 2: 0, 3: 1, 4: 1 } }));
    const result = await action.run(node20, {
      workspace: clone.dir,
      inputs: {
        'working-directory': 'packages/app',
        coverage: 'coverage/lcov.info',
        'diff-base': 'main',
        'min-new-lines': '1',
        conditions: 'new.coverage.lines >= 50',
      },
    });
    expect(result.outcome).toBe('success');
    expect(result.outputs['diff-coverage']).toBe('50');
    expect(result.annotations.map((a) => [a.properties.file, a.properties.line])).toEqual([
      ['packages/app/src/x.ts', '2'],
    ]);
    expect(result.summary).toContain('1 file with added or changed lines');
  });

  it('names the input and the file of a report no reader can read', async () => {
    repo.write('coverage/lcov.info', 'this is not coverage\n');
    const result = await action.run(node20, { workspace: repo.dir, inputs: { coverage: 'coverage/lcov.info' } });
    expect(result.outcome).toBe('failure');
    expect(errors(result)[0]).toMatch(/^quality-gate: coverage: .*coverage\/lcov\.info/);
  });
});
