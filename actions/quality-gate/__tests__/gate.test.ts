import { describe, expect, it } from '@jest/globals';
import { parseConditions } from '../src/conditions.js';
import { buildResultFile, evaluateGate, type GateInput } from '../src/gate.js';
import type { BaselineState, ReportKind } from '../src/metrics.js';
import { readBaselineMetrics, serializeResult } from '../src/result-file.js';
import { parseUnifiedDiff } from '../src/unified-diff.js';
import { coverageOf, lintMessage, lintOf, testCase, testsOf } from './support/quality-data.js';

const ALL: ReadonlySet<ReportKind> = new Set(['coverage', 'tests', 'lint']);
const NO_BASELINE: BaselineState = { kind: 'none' };

/** src/a.ts: lines 1-10, 1-6 hit, 7-10 not; branches on 2 (1 of 2) and 8 (0 of 2); functions f@1 hit, g@7 not. */
const COVERAGE = coverageOf({
  'src/a.ts': {
    lines: { 1: 1, 2: 3, 3: 1, 4: 1, 5: 1, 6: 1, 7: 0, 8: 0, 9: 0, 10: 0 },
    branches: { 2: [1, 2], 8: [0, 2] },
    functions: { f: [1, 1], g: [7, 0] },
  },
  'src/b.ts': { lines: { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1, 9: 1, 10: 1 } },
});

/** Changes lines 5-9 of src/a.ts, adds docs/notes.md (no coverage) and src/new.ts (not in the reports). */
const DIFF = parseUnifiedDiff(
  [
    '--- a/src/a.ts',
    '+++ b/src/a.ts',
    '@@ -5,5 +5,5 @@',
    '-a\n-b\n-c\n-d\n-e',
    '+a\n+b\n+c\n+d\n+e',
    '--- /dev/null',
    '+++ b/docs/notes.md',
    '@@ -0,0 +1,2 @@',
    '+x\n+y',
    '--- /dev/null',
    '+++ b/src/new.ts',
    '@@ -0,0 +1 @@',
    '+z',
  ].join('\n'),
);

const gate = (conditions: string, input: Partial<GateInput> = {}) =>
  evaluateGate({
    data: { coverage: COVERAGE },
    baseline: NO_BASELINE,
    conditions: parseConditions(conditions, ALL),
    minNewLines: 0,
    ...input,
  });

const statuses = (outcome: ReturnType<typeof gate>) =>
  outcome.results.map((result) => [result.condition.text, result.status, result.value]);

describe('coverage', () => {
  it('is computed from the lines, branches and functions of every file', () => {
    const outcome = gate('coverage.lines >= 80\ncoverage.branches >= 50\ncoverage.functions == 50');
    expect(statuses(outcome)).toEqual([
      ['coverage.lines >= 80', 'passed', 80],
      ['coverage.branches >= 50', 'failed', 25],
      ['coverage.functions == 50', 'passed', 50],
    ]);
    expect(outcome.passed).toBe(false);
    expect(outcome.results[1]?.reason).toBe('25% is not >= 50');
  });

  it('rounds percentages to two decimals before comparing', () => {
    const outcome = gate('coverage.lines >= 66.67', {
      data: { coverage: coverageOf({ 'x.ts': { lines: { 1: 1, 2: 1, 3: 0 } } }) },
    });
    expect(statuses(outcome)).toEqual([['coverage.lines >= 66.67', 'passed', 66.67]]);
  });

  it('fails a condition on a kind the reports have no data of (not 0%, not a pass)', () => {
    const outcome = gate('coverage.branches >= 0', {
      data: { coverage: coverageOf({ 'x.ts': { lines: { 1: 1 } } }) },
    });
    expect(outcome.results[0]).toMatchObject({
      status: 'failed',
      reason: 'not evaluable: the coverage reports have no branches data',
    });
    expect(outcome.passed).toBe(false);
  });

  it('counts a summary-only file with its summary', () => {
    const coverage = coverageOf({ 'x.ts': { lines: { 1: 1, 2: 0 } } });
    coverage.files.set('y.ts', {
      path: 'y.ts',
      lines: new Map(),
      summary: { lines: { covered: 7, total: 8 } },
    });
    expect(statuses(gate('coverage.lines >= 0', { data: { coverage } }))).toEqual([
      ['coverage.lines >= 0', 'passed', 80],
    ]);
  });
});

describe('coverage on changed lines', () => {
  it('counts the changed lines that are coverable, and the branches and functions on them', () => {
    const outcome = gate('new.coverage.lines >= 50\nnew.coverage.branches >= 0\nnew.coverage.functions >= 0', {
      diff: DIFF,
    });
    // Lines 5-9 of a.ts: 5, 6 hit; 7, 8, 9 not. Branches on line 8: 0 of 2. Function g starts on 7: not hit.
    expect(statuses(outcome)).toEqual([
      ['new.coverage.lines >= 50', 'failed', 40],
      ['new.coverage.branches >= 0', 'passed', 0],
      ['new.coverage.functions >= 0', 'passed', 0],
    ]);
    const diff = outcome.facts.diff!;
    expect(diff.coverableLines).toBe(5);
    expect(diff.coverage.files).toEqual([
      expect.objectContaining({ path: 'src/a.ts', uncovered: [{ start: 7, end: 9 }], uncoveredCount: 3 }),
    ]);
    expect(diff.coverage.withoutCoverage).toEqual(['docs/notes.md', 'src/new.ts']);
  });

  it('reports but does not enforce new.coverage.* below min-new-lines', () => {
    const outcome = gate('new.coverage.lines >= 90\ncoverage.lines >= 10', { diff: DIFF, minNewLines: 20 });
    expect(outcome.results[0]).toMatchObject({
      status: 'not-enforced',
      value: 40,
      met: false,
      reason: '5 changed coverable lines, fewer than min-new-lines (20)',
    });
    expect(outcome.passed).toBe(true);
  });

  it('enforces new.coverage.* from min-new-lines on', () => {
    expect(gate('new.coverage.lines >= 90', { diff: DIFF, minNewLines: 5 }).results[0]?.status).toBe('failed');
  });

  it('says there is nothing to judge when no changed line is coverable, without failing', () => {
    const docsOnly = parseUnifiedDiff('--- /dev/null\n+++ b/README.md\n@@ -0,0 +1 @@\n+hi\n');
    const outcome = gate('new.coverage.lines >= 90', { diff: docsOnly });
    expect(outcome.results[0]).toMatchObject({
      status: 'not-evaluable',
      reason: 'not evaluable: no changed lines to cover',
    });
    expect(outcome.passed).toBe(true);
  });
});

describe('coverage on changed lines of summary-only files', () => {
  it('fails new.coverage.* when the changed files have only totals, naming them and the fix', () => {
    const coverage = coverageOf({});
    coverage.files.set('src/a.ts', {
      path: 'src/a.ts',
      lines: new Map(),
      summary: { lines: { covered: 1, total: 9 } },
    });
    const outcome = gate('new.coverage.lines >= 90', { data: { coverage }, diff: DIFF });
    expect(outcome.results[0]).toMatchObject({ status: 'failed' });
    expect(outcome.results[0]?.reason).toContain(
      'changed files (src/a.ts) are covered only by a report without per-line data',
    );
    expect(outcome.results[0]?.reason).toContain('add a per-line report');
    expect(outcome.passed).toBe(false);
  });
});

describe('tests', () => {
  const tests = testsOf([
    testCase('ok', 'passed'),
    testCase('retried', 'passed', { flaky: true, message: 'timeout on first try' }),
    testCase('broken', 'failed', { message: 'expected 1 to be 2' }),
    testCase('crashed', 'errored'),
    testCase('later', 'skipped'),
  ]);

  it('counts test cases by outcome, a flaky pass as passed and flaky', () => {
    const outcome = gate(
      'tests.total == 5\ntests.passed == 2\ntests.failed == 0\ntests.errored == 0\ntests.skipped == 1\ntests.flaky <= 1',
      { data: { tests } },
    );
    expect(statuses(outcome)).toEqual([
      ['tests.total == 5', 'passed', 5],
      ['tests.passed == 2', 'passed', 2],
      ['tests.failed == 0', 'failed', 1],
      ['tests.errored == 0', 'failed', 1],
      ['tests.skipped == 1', 'passed', 1],
      ['tests.flaky <= 1', 'passed', 1],
    ]);
  });
});

describe('lint', () => {
  const lint = lintOf([
    lintMessage('src/a.ts', 6, 'error', 'eqeqeq'),
    lintMessage('src/a.ts', 2, 'error', 'eqeqeq'),
    lintMessage('src/a.ts', 9, 'warning', 'no-console'),
    lintMessage('src/new.ts', undefined, 'error', 'parse-error'),
    lintMessage('src/b.ts', undefined, 'error', 'max-lines'),
    lintMessage('src/b.ts', 3, 'info', 'style'),
  ]);

  it('counts errors and warnings overall and on changed lines', () => {
    const outcome = gate('lint.errors == 4\nlint.warnings == 1\nnew.lint.errors == 0\nnew.lint.warnings == 1', {
      data: { lint },
      diff: DIFF,
    });
    // New: line 6 (changed), the line-less error on the added src/new.ts; not line 2, not the unchanged b.ts.
    expect(statuses(outcome)).toEqual([
      ['lint.errors == 4', 'passed', 4],
      ['lint.warnings == 1', 'passed', 1],
      ['new.lint.errors == 0', 'failed', 2],
      ['new.lint.warnings == 1', 'passed', 1],
    ]);
    expect(outcome.facts.diff?.newLint.map((m) => `${m.path}:${m.line ?? '-'}`)).toEqual([
      'src/a.ts:6',
      'src/a.ts:9',
      'src/new.ts:-',
    ]);
  });

  it('counts a message spanning lines as new when one of its lines changed', () => {
    const spanning = lintOf([lintMessage('src/a.ts', 2, 'error', 'complexity', { endLine: 5 })]);
    expect(gate('new.lint.errors == 0', { data: { lint: spanning }, diff: DIFF }).results[0]?.value).toBe(1);
  });
});

describe('missing reports and baselines', () => {
  it('does not fail, but says so, for reports allowed to be missing', () => {
    const outcome = gate('tests.failed == 0', {
      data: {},
      missing: { tests: "no tests report found (no file matches 'junit.xml'; if-missing: warn)" },
    });
    expect(outcome.results[0]).toMatchObject({
      status: 'not-evaluable',
      reason: "not evaluable: no tests report found (no file matches 'junit.xml'; if-missing: warn)",
    });
    expect(outcome.passed).toBe(true);
  });

  it('does not fail new-code conditions without a diff (a push to main), and says why', () => {
    const outcome = gate('new.coverage.lines >= 90\nnew.lint.errors == 0', {
      data: { coverage: COVERAGE, lint: lintOf([]) },
    });
    expect(outcome.results.map((result) => [result.status, result.reason])).toEqual([
      ['not-evaluable', 'not evaluable: no diff-base or diff-file given, so no changed lines'],
      ['not-evaluable', 'not evaluable: no diff-base or diff-file given, so no changed lines'],
    ]);
    expect(outcome.passed).toBe(true);
  });

  it('fails a condition on reports that were never given', () => {
    expect(gate('lint.errors == 0', { data: {} }).results[0]).toMatchObject({
      status: 'failed',
      reason: 'not evaluable: no lint reports given (set lint)',
    });
  });

  it('compares with a loaded baseline in points', () => {
    const baseline: BaselineState = { kind: 'loaded', metrics: { 'coverage.lines': 80.5 }, from: 'old.json' };
    const outcome = gate('coverage.lines.delta >= -0.5\ncoverage.branches.delta >= 0', { baseline });
    expect(statuses(outcome)).toEqual([
      ['coverage.lines.delta >= -0.5', 'passed', -0.5],
      ['coverage.branches.delta >= 0', 'not-evaluable', undefined],
    ]);
    expect(outcome.results[1]?.reason).toBe('not evaluable: the baseline has no coverage.branches');
  });

  it('does not fail delta conditions when the baseline is absent, and says why', () => {
    const baseline: BaselineState = { kind: 'absent', reason: 'no baseline: the cache holds no result from main yet' };
    const outcome = gate('coverage.lines.delta >= 0', { baseline });
    expect(outcome.results[0]).toMatchObject({
      status: 'not-evaluable',
      reason: 'not evaluable: no baseline: the cache holds no result from main yet',
    });
    expect(outcome.passed).toBe(true);
  });

  it('fails a delta condition when the current value cannot be measured, baseline or not', () => {
    const baseline: BaselineState = { kind: 'loaded', metrics: { 'coverage.branches': 50 }, from: 'old.json' };
    const outcome = gate('coverage.branches.delta >= 0', {
      baseline,
      data: { coverage: coverageOf({ 'x.ts': { lines: { 1: 1 } } }) },
    });
    expect(outcome.results[0]?.status).toBe('failed');
  });
});

describe('the result file', () => {
  it('holds every overall metric, the new-code metrics and the conditions, and reads back as a baseline', () => {
    const outcome = gate('coverage.lines >= 90\nnew.coverage.lines >= 0', {
      data: { coverage: COVERAGE, tests: testsOf([testCase('ok', 'passed')]) },
      diff: DIFF,
    });
    const file = buildResultFile(outcome, {
      now: new Date('2026-01-02T03:04:05Z'),
      commit: 'abc',
      ref: 'refs/heads/main',
    });
    expect(file).toMatchObject({
      schema: 'actions-kit/quality-gate-result',
      version: 1,
      generatedAt: '2026-01-02T03:04:05.000Z',
      commit: 'abc',
      passed: false,
      newCode: { changedFiles: 3, coverableLines: 5, metrics: { 'new.coverage.lines': 40 } },
    });
    expect(file.metrics).toEqual({
      'coverage.lines': 80,
      'coverage.branches': 25,
      'coverage.functions': 50,
      'tests.total': 1,
      'tests.passed': 1,
      'tests.failed': 0,
      'tests.errored': 0,
      'tests.skipped': 0,
      'tests.flaky': 0,
    });
    expect(file.conditions[0]).toEqual({
      condition: 'coverage.lines >= 90',
      metric: 'coverage.lines',
      operator: '>=',
      threshold: 90,
      status: 'failed',
      value: 80,
      reason: '80% is not >= 90',
    });
    expect(readBaselineMetrics(serializeResult(file))).toEqual(file.metrics);
  });
});
