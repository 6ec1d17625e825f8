// The quality workflow under act, called as a user's repository calls it, on the sample service: its own lint
// (ESLint, JSON report) and tests (node:test, LCOV and JUnit), judged by the bundled quality-gate. A push of the clean
// service to main passes and saves the baseline in act's cache server; pull requests that add a lint error, or a
// feature no test runs, on top of it are failed by the gate, which judges the lines the pull request changes.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { callerWorkflow, commitAll, git, resultFile, root, runAct, sampleVariant } from './support/act.js';

jest.setTimeout(120_000);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'act-quality-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

/** A caller repository: the clean sample service in `folder` and the caller workflow, committed on main. */
function callerRepository(folder = '.'): string {
  const repo = path.join(dir, 'repo');
  const service = path.join(repo, folder);
  sampleVariant('clean', service);
  mkdirSync(path.join(repo, '.github/workflows'), { recursive: true });
  const workflow = callerWorkflow('quality', {
    WORKING_DIRECTORY: folder,
    NODE_MODULES: path.join(root, 'node_modules'),
    RESULT_FILE: resultFile(dir),
  });
  writeFileSync(path.join(repo, '.github/workflows/quality.yml'), workflow);
  commitAll(repo, 'sample service');
  return repo;
}

/**
 * A pull request from a branch whose one commit plants `variant`'s defect on top of main: the service as variants.js
 * writes it, copied over the one in `folder`. Returns the event's payload.
 */
function pullRequest(repo: string, variant: string, folder = '.'): Record<string, unknown> {
  const base = git(repo, 'rev-parse', 'HEAD');
  const planted = path.join(dir, variant);
  sampleVariant(variant, planted);
  git(repo, 'checkout', '--quiet', '-b', variant);
  cpSync(planted, path.join(repo, folder), { recursive: true });
  git(repo, 'add', '--all');
  git(repo, 'commit', '--quiet', '-m', `plant ${variant}`);
  return {
    repository: { default_branch: 'main' },
    number: 7,
    pull_request: { number: 7, base: { ref: 'main', sha: base }, head: { ref: variant } },
  };
}

const onMain = { repository: { default_branch: 'main' } };

describe('quality.yml under act, on the sample service', () => {
  it('passes the clean service on main, with its figures in the outputs, and saves the baseline', async () => {
    const run = await runAct({ repo: callerRepository(), dir, payload: onMain });

    expect(run.jobs).toEqual({ quality: 'success', record: 'success' });
    expect(run.exitCode).toBe(0);
    // Through the reusable workflow's outputs, as the caller sees them: 7 tests, 178 of 181 lines, no lint message.
    expect(run.recorded).toEqual({
      result: 'success',
      outputs: {
        passed: 'true',
        'failed-commands': '',
        'gate-passed': 'true',
        'failed-conditions': '[]',
        'coverage-lines': '98.34',
        'coverage-branches': '94.74',
        'coverage-functions': '100',
        'diff-coverage': '',
        'tests-total': '7',
        'tests-failed': '0',
        'tests-errored': '0',
        'tests-skipped': '0',
        'lint-errors': '0',
        'lint-warnings': '0',
      },
    });
    expect(run.log).toContain('| All code | 98.34% (178 of 181) | 94.74% (54 of 57) | 100% (24 of 24) |');
    // A push has no changed lines: the new.* conditions say so instead of passing.
    expect(run.log).toContain('| `new.lint.errors == 0` | – | ⚠️ not evaluable: no diff-base or diff-file given');
    // The default branch's run saves its result as the baseline, here in act's own cache server.
    expect(run.log).toMatch(/Baseline saved as cache entry quality-gate-baseline:main:[0-9a-f]{40}-1-1\./);
    expect(run.log).toContain('| typecheck | not run: no typecheck-command |');
    // The artifact upload needs GitHub: skipped under act, never faked.
    expect(run.log).not.toContain('ran under act');
  });

  it('fails a pull request that adds a lint error: the lint command fails and the gate names the conditions', async () => {
    const repo = callerRepository();
    const run = await runAct({ repo, dir, event: 'pull_request', payload: pullRequest(repo, 'lint-error') });

    expect(run.jobs).toEqual({ quality: 'failure' }); // act starts no job after a failed one
    expect(run.exitCode).not.toBe(0);
    expect(run.outputs['quality.plan']).toMatchObject({ 'diff-base': git(repo, 'rev-parse', 'main') });
    expect(run.outputs['quality.lint']).toEqual({ 'exit-code': '1' });
    expect(run.outputs['quality.gate']).toMatchObject({
      passed: 'false',
      'lint-errors': '1',
      'tests-total': '7',
      'tests-failed': '0',
      'coverage-lines': '98.36', // 180 of 183: node:test's LCOV counts the planted line and the blank one before
    });
    expect(JSON.parse(run.outputs['quality.gate']!['failed-conditions']!)).toEqual([
      { condition: 'lint.errors == 0', metric: 'lint.errors', value: 1, reason: '1 is not == 0' },
      { condition: 'new.lint.errors == 0', metric: 'new.lint.errors', value: 1, reason: '1 is not == 0' },
    ]);
    expect(run.outputs['quality.recap']).toEqual({ passed: 'false', 'failed-commands': 'lint' });
    expect(run.log).toMatch(
      /::error title=ESLint no-unused-vars,file=src\/app\.js,line=\d+,endLine=\d+::.leftoverDebugFlag. is assigned/,
    );
    expect(run.log).toContain('The lint command failed and the quality gate failed (its conditions above).');
    // The tests still ran after the lint command failed, so the gate read every report.
    expect(run.log).toContain('| test | ✅ passed |');
  });

  it('fails a pull request whose new feature no test runs, though every command succeeds (a monorepo folder)', async () => {
    // The service in a folder of the repository: commands, reports and the diff are read there (working-directory),
    // and the annotations name the file from the repository's root, where GitHub puts them on the pull request.
    const repo = callerRepository('services/sample');
    const payload = pullRequest(repo, 'uncovered-code', 'services/sample');
    const run = await runAct({ repo, dir, event: 'pull_request', payload });

    expect(run.jobs).toEqual({ quality: 'failure' });
    expect(run.outputs['quality.recap']).toEqual({ passed: 'false', 'failed-commands': '' });
    // node:test's LCOV counts the blank line, the comment and the declaration, which ran: 3 of 12 changed lines.
    expect(run.outputs['quality.gate']).toMatchObject({
      passed: 'false',
      'diff-coverage': '25',
      'coverage-lines': '93.78',
      'lint-errors': '0',
      'tests-failed': '0',
    });
    expect(JSON.parse(run.outputs['quality.gate']!['failed-conditions']!)).toEqual([
      {
        condition: 'new.coverage.lines >= 80',
        metric: 'new.coverage.lines',
        value: 25,
        reason: '25% is not >= 80',
      },
    ]);
    expect(run.log).toContain('| `src/app.js` | 9: 63-71 | 25% (3 of 12) |'); // the summary's paths: from the folder
    expect(run.log).toContain('::warning title=Not covered,file=services/sample/src/app.js,line=63,endLine=71::');
    expect(run.outputs['quality.plan']!['report-paths']).toBe(
      ['coverage/lcov.info', 'reports/junit.xml', 'reports/eslint.json', 'quality-gate.json']
        .map((file) => `services/sample/${file}`)
        .join('\n'),
    );
    expect(run.log).toContain('The quality gate failed (its conditions above).');
  });
});
