// run() with plain objects for what touches the runner and real readers on small report files in a temp folder:
// outputs, the result file, annotations within the budget, the summary, baselines through a store, the verdict.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigurationError, UserError, type Annotation, type SummaryBuilder } from '@actions-kit/core';
import { readCoverageReports, readLintReports, readTestReports } from '@actions-kit/quality';
import { failureOf } from '@actions-kit/testkit';
import type { RunEvent } from '../src/baseline-cache.js';
import { parseConditions } from '../src/conditions.js';
import type { Inputs } from '../src/inputs.js';
import { run, type RunDeps } from '../src/main.js';
import { MemoryStore } from './support/memory-store.js';
import { eslint, junit, lcov } from './support/report-files.js';

const PUSH_MAIN: RunEvent = {
  name: 'push',
  ref: 'refs/heads/main',
  defaultBranch: 'main',
  sha: 'aaa111',
  runId: '1',
  runAttempt: '1',
};
const PULL_REQUEST: RunEvent = { ...PUSH_MAIN, name: 'pull_request', ref: 'refs/pull/3/merge', baseRef: 'main' };

/** src/app.ts lines 1-4 changed; of them 1 and 2 are covered, 3 and 4 not. */
const DIFF = '--- a/src/app.ts\n+++ b/src/app.ts\n@@ -1,4 +1,4 @@\n-a\n-b\n-c\n-d\n+a\n+b\n+c\n+d\n';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'quality-gate-run-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (relative: string, text: string): string => {
  const file = path.join(dir, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
};

interface Recorded {
  deps: RunDeps;
  outputs: Record<string, string>;
  annotations: Annotation[];
  warnings: string[];
  logs: string[];
  summary(): string;
  store: MemoryStore;
}

function recording(event: RunEvent = PUSH_MAIN, store = new MemoryStore(), diff = DIFF): Recorded {
  const outputs: Record<string, string> = {};
  const annotations: Annotation[] = [];
  const warnings: string[] = [];
  const logs: string[] = [];
  let summary = '';
  return {
    deps: {
      readers: { coverage: readCoverageReports, tests: readTestReports, lint: readLintReports },
      gitDiff: async () => diff,
      baselineStore: () => store,
      event,
      setOutput: (name, value) => {
        outputs[name] = value;
      },
      printAnnotation: (annotation) => annotations.push(annotation),
      writeSummary: async (builder: SummaryBuilder) => {
        summary += builder.toString();
      },
      info: (message) => logs.push(message),
      warning: (message) => warnings.push(message),
      now: () => new Date('2026-03-04T05:06:07Z'),
    },
    outputs,
    annotations,
    warnings,
    logs,
    summary: () => summary,
    store,
  };
}

/** Inputs over the default reports (each override writes a file of its own name, as these are rewritten). */
function inputs(overrides: Partial<Inputs> & { conditionText?: string } = {}): Inputs {
  const { conditionText = '', ...rest } = overrides;
  const reports = rest.reports ?? {
    coverage: {
      files: [write('coverage/lcov.info', lcov({ 'src/app.ts': { 1: 1, 2: 3, 3: 0, 4: 0, 9: 1 } }))],
      unmatched: [],
    },
    tests: { files: [write('junit.xml', junit([{ name: 'adds' }, { name: 'subtracts' }]))], unmatched: [] },
    lint: {
      files: [write('eslint.json', eslint(dir, { 'src/app.ts': [{ line: 9, rule: 'no-console', severity: 1 }] }))],
      unmatched: [],
    },
  };
  const given = new Set(Object.keys(reports) as ('coverage' | 'tests' | 'lint')[]);
  return {
    workspace: dir,
    directory: dir,
    projectPrefix: '',
    reports,
    conditions: parseConditions(conditionText, given),
    diff: { kind: 'base', ref: 'origin/main' },
    baseline: { kind: 'none' },
    minNewLines: 0,
    stripPrefixes: [],
    ifMissing: 'error',
    summary: true,
    annotations: true,
    resultOutput: { file: path.join(dir, 'out/quality-gate.json'), displayPath: 'out/quality-gate.json' },
    ...rest,
  };
}

describe('run', () => {
  it('passes with every output set, the result file written and the verdict first in the summary', async () => {
    const recorded = recording();
    await run(inputs({ conditionText: 'coverage.lines >= 60\ntests.failed == 0' }), recorded.deps);
    expect(recorded.outputs).toEqual({
      passed: 'true',
      'failed-conditions': '[]',
      'coverage-lines': '60',
      'coverage-branches': '',
      'coverage-functions': '',
      'diff-coverage': '50',
      'tests-total': '2',
      'tests-passed': '2',
      'tests-failed': '0',
      'tests-errored': '0',
      'tests-skipped': '0',
      'tests-flaky': '0',
      'lint-errors': '0',
      'lint-warnings': '1',
      'result-file': path.join(dir, 'out/quality-gate.json'),
    });
    const result = JSON.parse(readFileSync(path.join(dir, 'out/quality-gate.json'), 'utf8'));
    expect(result).toMatchObject({
      schema: 'actions-kit/quality-gate-result',
      version: 1,
      generatedAt: '2026-03-04T05:06:07.000Z',
      commit: 'aaa111',
      passed: true,
      metrics: { 'coverage.lines': 60, 'tests.total': 2, 'lint.warnings': 1 },
      newCode: { changedFiles: 1, coverableLines: 4, metrics: { 'new.coverage.lines': 50 } },
    });
    expect(recorded.summary().split('\n')[0]).toBe('## Quality gate: ✅ passed');
    // The uncovered changed lines 3-4 are one annotation.
    expect(recorded.annotations).toEqual([
      {
        level: 'warning',
        message: 'These 2 changed lines are not covered by any test.',
        properties: { title: 'Not covered', file: 'src/app.ts', startLine: 3, endLine: 4 },
      },
    ]);
  });

  it('fails naming every failed condition, with the failed-conditions output as JSON', async () => {
    const recorded = recording();
    const tests = {
      files: [write('failing.xml', junit([{ name: 'adds', failure: 'expected 2, got 3' }]))],
      unmatched: [],
    };
    const error = await failureOf(
      run(
        inputs({
          conditionText: 'new.coverage.lines >= 80\ntests.failed == 0',
          reports: { ...inputs().reports, tests },
        }),
        recorded.deps,
      ),
    );
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toBe(
      'quality gate failed: new.coverage.lines >= 80 (50% is not >= 80); tests.failed == 0 (1 is not == 0)',
    );
    expect(JSON.parse(recorded.outputs['failed-conditions'] ?? '')).toEqual([
      { condition: 'new.coverage.lines >= 80', metric: 'new.coverage.lines', value: 50, reason: '50% is not >= 80' },
      { condition: 'tests.failed == 0', metric: 'tests.failed', value: 1, reason: '1 is not == 0' },
    ]);
    expect(recorded.outputs['passed']).toBe('false');
    expect(recorded.summary()).toContain('| `suite › adds` | failed | `expected 2, got 3` |');
  });

  it('keeps annotations within the per-step limit, room left for its own error, and counts the rest', async () => {
    const recorded = recording();
    const failing = Array.from({ length: 15 }, (_, i) => ({
      name: `case ${i}`,
      failure: 'boom',
      file: 'src/app.test.ts',
    }));
    const tests = { files: [write('failing.xml', junit(failing))], unmatched: [] };
    await failureOf(run(inputs({ reports: { ...inputs().reports, tests } }), recorded.deps));
    expect(recorded.annotations.filter((a) => a.level === 'error')).toHaveLength(9);
    expect(recorded.summary()).toContain('6 errors not shown as annotations (the limit per step was reached).');
  });

  it('leaves room among the 10 warnings for its own', async () => {
    const recorded = recording(PULL_REQUEST);
    const lines = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [i + 1, i % 2]));
    const coverage = { files: [write('coverage/gappy.info', lcov({ 'src/app.ts': lines }))], unmatched: [] };
    const diff = `--- a/src/app.ts\n+++ b/src/app.ts\n@@ -1,40 +1,40 @@\n${'-x\n'.repeat(40)}${'+y\n'.repeat(40)}`;
    recorded.deps.gitDiff = async () => diff;
    await run(
      inputs({ reports: { coverage }, baseline: { kind: 'cache' }, conditionText: 'coverage.lines.delta >= 0' }),
      recorded.deps,
    );
    // One warning of its own (no baseline in the cache): 9 of the 20 uncovered ranges are annotated.
    expect(recorded.warnings).toHaveLength(1);
    expect(recorded.annotations.filter((a) => a.level === 'warning')).toHaveLength(9);
    expect(recorded.summary()).toContain('11 warnings not shown as annotations');
  });

  it('puts working-directory before report paths in annotations, and reads a diff-file from the repository root', async () => {
    const recorded = recording();
    const diffFile = write('changes.diff', DIFF.replace(/src\/app\.ts/g, 'packages/app/src/app.ts'));
    await run(
      inputs({ projectPrefix: 'packages/app', diff: { kind: 'file', file: diffFile, displayPath: 'changes.diff' } }),
      recorded.deps,
    );
    expect(recorded.annotations.map((a) => [a.properties.file, a.properties.startLine])).toEqual([
      ['packages/app/src/app.ts', 3],
    ]);
  });

  it('turns a report a reader refuses into an error naming the input and the file', async () => {
    const broken = write('coverage/broken.info', 'TN:\nSF:src/app.ts\nDA:1,1\n');
    const error = await failureOf(
      run(inputs({ reports: { coverage: { files: [broken], unmatched: [] } } }), recording().deps),
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(/^coverage: .*broken\.info/);
  });

  it('with if-missing: warn, warns, reports the conditions as not evaluable and does not fail', async () => {
    const recorded = recording();
    await run(
      inputs({
        reports: { tests: { files: [], unmatched: ['junit/*.xml'] } },
        ifMissing: 'warn',
        diff: undefined,
      }),
      recorded.deps,
    );
    expect(recorded.warnings).toEqual(["tests: no file matches 'junit/*.xml' (if-missing: warn)"]);
    expect(recorded.outputs['passed']).toBe('true');
    expect(recorded.outputs['tests-failed']).toBe('');
    expect(recorded.summary()).toContain('2 conditions were not evaluable, which is not a pass');
    expect(recorded.summary()).toContain('tests: no file matches `junit/*.xml`.');
  });
});

describe('run without conditions', () => {
  it('warns that a gate with nothing to judge passes on anything', async () => {
    const recorded = recording();
    await run(inputs({ reports: { coverage: inputs().reports.coverage! }, diff: undefined }), recorded.deps);
    expect(recorded.outputs['passed']).toBe('true');
    expect(recorded.warnings).toEqual([
      'conditions: none, so the gate judges nothing and passes (only tests and lint have default conditions); ' +
        'set conditions, e.g. coverage.lines >= 80',
    ]);
    expect(recorded.summary()).toContain('No condition to judge.');
  });
});

describe('run with baseline: cache', () => {
  it('saves the result of a run on main, and a pull request compares with it', async () => {
    const store = new MemoryStore();
    const onMain = recording(PUSH_MAIN, store);
    await run(inputs({ baseline: { kind: 'cache' }, conditionText: 'coverage.lines >= 0' }), onMain.deps);
    expect(store.entries.map((entry) => entry.key)).toEqual(['quality-gate-baseline:main:aaa111-1-1']);
    expect(onMain.summary()).toContain('Baseline saved as cache entry quality-gate-baseline:main:aaa111-1-1.');

    const onPr = recording(PULL_REQUEST, store);
    const lower = {
      files: [write('coverage/lower.info', lcov({ 'src/app.ts': { 1: 1, 2: 0, 3: 0, 4: 0, 9: 1 } }))],
      unmatched: [],
    };
    const error = await failureOf(
      run(
        inputs({
          baseline: { kind: 'cache' },
          conditionText: 'coverage.lines.delta >= -0.5',
          reports: { ...inputs().reports, coverage: lower },
        }),
        onPr.deps,
      ),
    );
    expect(error.message).toBe('quality gate failed: coverage.lines.delta >= -0.5 (-20 pt is not >= -0.5)');
    expect(store.entries).toHaveLength(1);
    expect(onPr.summary()).toContain('| Change since the baseline | -20 pt | n/a | n/a |');
  });

  it('without a saved baseline, warns and reports delta conditions as not evaluable', async () => {
    const recorded = recording(PULL_REQUEST);
    await run(inputs({ baseline: { kind: 'cache' }, conditionText: 'coverage.lines.delta >= 0' }), recorded.deps);
    expect(recorded.outputs['passed']).toBe('true');
    expect(recorded.warnings).toEqual([
      'baseline: no baseline: the cache holds no result from main yet (a run of this gate on a push to main saves ' +
        'one); the *.delta conditions are not evaluable in this run',
    ]);
    expect(recorded.summary()).toContain('1 condition was not evaluable, which is not a pass');
  });

  it('reads a baseline file, and refuses one that is not a result file, naming the input', async () => {
    const good = write(
      'base.json',
      JSON.stringify({ schema: 'actions-kit/quality-gate-result', version: 1, metrics: { 'coverage.lines': 59.5 } }),
    );
    const recorded = recording();
    await run(
      inputs({
        baseline: { kind: 'file', file: good, displayPath: 'base.json' },
        conditionText: 'coverage.lines.delta >= 0',
      }),
      recorded.deps,
    );
    expect(recorded.logs).toContain('  passed        coverage.lines.delta >= 0 = +0.5 pt');
    const bad = write('bad.json', '{"metrics":{}}');
    const error = await failureOf(
      run(
        inputs({
          baseline: { kind: 'file', file: bad, displayPath: 'bad.json' },
          conditionText: 'coverage.lines.delta >= 0',
        }),
        recording().deps,
      ),
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toContain("baseline: 'bad.json' is not a quality-gate result");
  });
});
