// getInputs() on a fake runner: defaults, globs resolved per pattern with if-missing, and each mistake refused naming
// the input, the value and the fix, before any report is read.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigurationError } from '@actions-kit/core';
import { failureOf, fakeRunner, type FakeRunner } from '@actions-kit/testkit';
import { getInputs } from '../src/inputs.js';

let runner: FakeRunner;
const write = (relative: string, text = 'x'): string => {
  const file = path.join(runner.dir, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
};

beforeEach(() => {
  runner = fakeRunner();
  process.env['GITHUB_WORKSPACE'] = runner.dir;
});
afterEach(() => runner.restore());

async function refusal(): Promise<string> {
  const error = await failureOf(getInputs());
  expect(error).toBeInstanceOf(ConfigurationError);
  return error.message;
}

describe('getInputs', () => {
  it('applies the defaults: default conditions for the kinds given, no diff, no baseline', async () => {
    const lcov = write('coverage/lcov.info');
    const junit = write('reports/junit.xml');
    runner.setInput('coverage', 'coverage/lcov.info');
    runner.setInput('tests', 'reports/*.xml');
    const inputs = await getInputs();
    expect(inputs).toMatchObject({
      workspace: runner.dir,
      directory: runner.dir,
      projectPrefix: '',
      reports: { coverage: { files: [lcov], unmatched: [] }, tests: { files: [junit], unmatched: [] } },
      baseline: { kind: 'none' },
      minNewLines: 20,
      stripPrefixes: [],
      ifMissing: 'error',
      summary: true,
      annotations: true,
      resultOutput: { file: path.join(runner.dir, 'quality-gate.json'), displayPath: 'quality-gate.json' },
    });
    expect(inputs.diff).toBeUndefined();
    expect(inputs.conditions.map((condition) => condition.text)).toEqual(['tests.failed == 0', 'tests.errored == 0']);
  });

  it('reads everything from working-directory and keeps its path for annotations', async () => {
    const lcov = write('packages/app/coverage/lcov.info');
    write('packages/app/changes.diff');
    write('packages/app/old-result.json');
    runner.setInput('working-directory', 'packages/app');
    runner.setInput('coverage', 'coverage/*.info');
    runner.setInput('diff-file', 'changes.diff');
    runner.setInput('baseline', 'old-result.json');
    runner.setInput('path-prefix-strip', '/app/, /build/');
    const inputs = await getInputs();
    expect(inputs.projectPrefix).toBe('packages/app');
    expect(inputs.reports.coverage?.files).toEqual([lcov]);
    expect(inputs.diff).toMatchObject({ kind: 'file', displayPath: 'changes.diff' });
    expect(inputs.baseline).toMatchObject({ kind: 'file', displayPath: 'old-result.json' });
    expect(inputs.stripPrefixes).toEqual(['/app/', '/build/']);
  });

  it('never reads its own result file or baseline as a report', async () => {
    write('quality-gate.json', '{}');
    const eslint = write('eslint.json', '[]');
    write('base.json', '{}');
    runner.setInput('lint', '*.json');
    runner.setInput('baseline', 'base.json');
    expect((await getInputs()).reports.lint?.files).toEqual([eslint]);
  });

  it('fails on a pattern that matches nothing, naming it and the way to allow it', async () => {
    write('coverage/lcov.info');
    runner.setInput('coverage', 'coverage/lcov.info\ncoverage/other-*.xml');
    expect(await refusal()).toBe(
      `coverage: no file matches 'coverage/other-*.xml' (checked from ${runner.dir}); fix the pattern, or set ` +
        'if-missing: warn (or ignore) when the reports may be absent',
    );
  });

  it('answers a plain path without a glob, the same way: the file, or nothing (then if-missing decides)', async () => {
    const lcov = write('coverage/lcov.info');
    write('coverage/more/deep.info');
    runner.setInput('coverage', './coverage/lcov.info\ncoverage/more');
    expect((await getInputs()).reports.coverage?.files).toEqual([
      lcov,
      path.join(runner.dir, 'coverage/more/deep.info'),
    ]);
    runner.setInput('coverage', 'coverage/missing.info');
    expect(await refusal()).toContain("coverage: no file matches 'coverage/missing.info'");
  });

  it('with if-missing: warn, keeps the patterns that matched nothing for the warning and the summary', async () => {
    runner.setInput('tests', 'junit/*.xml');
    runner.setInput('if-missing', 'warn');
    expect((await getInputs()).reports.tests).toEqual({ files: [], unmatched: ['junit/*.xml'] });
  });

  it('refuses a run with no reports at all', async () => {
    expect(await refusal()).toContain('coverage, tests and lint are all empty');
  });

  it('refuses a condition that could never be judged with these inputs', async () => {
    write('junit.xml');
    runner.setInput('tests', 'junit.xml');
    runner.setInput('conditions', 'coverage.lines >= 80');
    expect(await refusal()).toBe(
      "conditions: 'coverage.lines >= 80' needs coverage reports, and coverage is empty; set coverage to their " +
        'paths, or remove the condition',
    );
    runner.setInput('conditions', 'new.tests.failed == 0');
    expect(await refusal()).toContain("names the unknown metric 'new.tests.failed'");
    runner.setInput('conditions', 'tests.failed.delta <= 0');
    expect(await refusal()).toContain('compares with a baseline; set baseline to cache');
  });

  it('accepts new.* conditions without a diff (not evaluable then), and refuses both diff inputs at once', async () => {
    write('eslint.json', '[]');
    runner.setInput('lint', 'eslint.json');
    runner.setInput('conditions', 'new.lint.errors == 0');
    expect((await getInputs()).conditions.map((condition) => condition.text)).toEqual(['new.lint.errors == 0']);
    runner.setInput('diff-base', 'origin/main');
    runner.setInput('diff-file', 'x.diff');
    expect(await refusal()).toBe('diff-base and diff-file are both set; keep one (diff-base runs git diff itself)');
  });

  it('refuses missing files and folders, and a bad if-missing or min-new-lines', async () => {
    write('eslint.json', '[]');
    runner.setInput('lint', 'eslint.json');
    runner.setInput('baseline', 'nope.json');
    expect(await refusal()).toBe(
      `baseline: no file at 'nope.json' (checked from ${runner.dir}); fix the path, or use none or cache`,
    );
    runner.setInput('baseline', 'none');
    runner.setInput('working-directory', 'missing/dir');
    expect(await refusal()).toContain("working-directory: 'missing/dir' is not a directory");
    runner.setInput('working-directory', '.');
    runner.setInput('if-missing', 'skip');
    expect(await refusal()).toContain('if-missing');
    runner.setInput('if-missing', 'ignore');
    runner.setInput('min-new-lines', '-1');
    expect(await refusal()).toContain('min-new-lines');
  });
});
