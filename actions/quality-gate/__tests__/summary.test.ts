import { describe, expect, it } from '@jest/globals';
import { parseConditions } from '../src/conditions.js';
import { evaluateGate } from '../src/gate.js';
import type { BaselineState } from '../src/metrics.js';
import { buildSummary, byRule, code, rangesText, verdictSentence, type SummaryView } from '../src/summary.js';
import { parseUnifiedDiff } from '../src/unified-diff.js';
import { coverageOf, lintMessage, lintOf, testCase, testsOf } from './support/quality-data.js';

const HOSTILE = '<img src=x onerror=alert(1)> @octocat **bold** | pipe\n::error::injected';

const DIFF = parseUnifiedDiff(
  '--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1,6 +1,6 @@\n-1\n-2\n-3\n-4\n-5\n-6\n+1\n+2\n+3\n+4\n+5\n+6\n' +
    '--- /dev/null\n+++ b/src/untested.ts\n@@ -0,0 +1 @@\n+x\n',
);

function view(conditions: string, baseline: BaselineState = { kind: 'none' }): SummaryView {
  const outcome = evaluateGate({
    data: {
      coverage: coverageOf({ 'src/a.ts': { lines: { 1: 1, 2: 1, 3: 0, 4: 0, 5: 1, 6: 0 } } }),
      tests: testsOf([
        testCase('adds', 'passed'),
        testCase('divides', 'failed', { message: HOSTILE, file: 'src/a.test.ts', line: 12 }),
        testCase('retries', 'passed', { flaky: true, message: 'socket hang up' }),
      ]),
      lint: lintOf([
        lintMessage('src/a.ts', 3, 'error', 'eqeqeq'),
        lintMessage('src/a.ts', 4, 'warning', 'no-console'),
        lintMessage('src/b.ts', 9, 'warning', 'no-console'),
      ]),
    },
    diff: DIFF,
    baseline,
    conditions: parseConditions(conditions, new Set(['coverage', 'tests', 'lint'])),
    minNewLines: 20,
  });
  return {
    outcome,
    diffSource: 'git diff from the merge base of origin/main and HEAD',
    truncatedHunks: 0,
    unmatched: {},
    resultFile: 'quality-gate.json',
    annotationsOmitted: '',
  };
}

describe('buildSummary', () => {
  it('puts the verdict and why first, then the failed conditions before the others', () => {
    const text = buildSummary(view('coverage.lines >= 40\ntests.failed == 0\nnew.coverage.lines >= 90')).toString();
    const lines = text.split('\n');
    expect(lines[0]).toBe('## Quality gate: ❌ failed');
    expect(lines[2]).toBe(
      '1 of 3 conditions failed: `tests.failed == 0` (1 is not == 0). 1 condition was not enforced, which is not a ' +
        'pass: `new.coverage.lines >= 90`: 6 changed coverable lines, fewer than min-new-lines (20).',
    );
    const failedRow = lines.findIndex((line) => line.startsWith('| `tests.failed'));
    const notEnforcedRow = lines.findIndex((line) => line.startsWith('| `new.coverage.lines'));
    const passedRow = lines.findIndex((line) => line.startsWith('| `coverage.lines'));
    expect(failedRow).toBeGreaterThan(2);
    expect(failedRow).toBeLessThan(notEnforcedRow);
    expect(notEnforcedRow).toBeLessThan(passedRow);
    expect(lines[failedRow]).toBe('| `tests.failed == 0` | 1 | ❌ failed: 1 is not == 0 |');
    expect(lines[passedRow]).toBe('| `coverage.lines >= 40` | 50% | ✅ passed |');
  });

  it('shows coverage overall and on changed lines, the uncovered ranges and the changed files no report has', () => {
    const text = buildSummary(view('coverage.lines >= 0')).toString();
    expect(text).toContain('| All code | 50% (3 of 6) | n/a | n/a |');
    expect(text).toContain('| Changed lines (6 coverable lines) | 50% (3 of 6) | n/a | n/a |');
    expect(text).toContain('Changed lines not covered: 3 lines in 1 file:');
    expect(text).toContain('| `src/a.ts` | 3: 3-4, 6 | 50% (3 of 6) |');
    expect(text).toContain('1 changed file is in no coverage report, so it does not count');
    expect(text).toContain('`src/untested.ts`');
  });

  it('shows the change since a loaded baseline', () => {
    const text = buildSummary(
      view('coverage.lines.delta >= -1', { kind: 'loaded', metrics: { 'coverage.lines': 52.5 }, from: 'x' }),
    ).toString();
    expect(text).toContain('| Change since the baseline | -2.5 pt | n/a | n/a |');
    expect(text).toContain('| `coverage.lines.delta >= -1` | -2.5 pt | ❌ failed: -2.5 pt is not >= -1 |');
  });

  it('lists failures with their message and place, flaky tests and lint by rule, report text in code spans', () => {
    const text = buildSummary(view('tests.failed == 0')).toString();
    expect(text).toContain('3 tests: 2 passed (1 flaky), 1 failed, 0 errored, 0 skipped.');
    expect(text).toContain(
      '| `suite › divides` | failed | `<img src=x onerror=alert(1)> @octocat **bold** \\| pipe ::error::injected` | `src/a.test.ts:12` |',
    );
    expect(text).toContain('- `suite › retries`: `socket hang up`');
    expect(text).toContain('| `no-console` | 0 | 2 |');
    expect(text).toContain('1 error, 2 warnings (1 error and 1 warning on changed lines).');
  });

  it('says which conditions were not evaluable and why, in the verdict', () => {
    const text = buildSummary(
      view('coverage.lines.delta >= 0', {
        kind: 'absent',
        reason: 'no baseline: the cache holds no result from main yet',
      }),
    ).toString();
    expect(text.split('\n')[0]).toBe('## Quality gate: ✅ passed');
    expect(text).toContain(
      '0 of 1 condition met, none failed. 1 condition was not evaluable, which is not a pass: ' +
        '`coverage.lines.delta >= 0`: no baseline: the cache holds no result from main yet.',
    );
  });
});

describe('code', () => {
  it('keeps report text inert: a code span on one line, fenced past its own backticks', () => {
    expect(code('a|b')).toBe('`a|b`');
    expect(code('two\nlines')).toBe('`two lines`');
    expect(code('uses `x` here')).toBe('``uses `x` here``');
    expect(code('`edge`')).toBe('`` `edge` ``');
  });
});

describe('verdictSentence', () => {
  it('says all conditions are met only when every one passed', () => {
    const results = view('coverage.lines >= 0\nlint.warnings >= 0').outcome.results;
    expect(verdictSentence(results)).toBe('All 2 conditions are met.');
    expect(verdictSentence(results.slice(0, 1))).toBe('The condition is met.');
    expect(verdictSentence([])).toBe('No condition to judge.');
  });
});

describe('rangesText and byRule', () => {
  it('writes ranges compactly and cuts a long list', () => {
    expect(
      rangesText([
        { start: 3, end: 5 },
        { start: 9, end: 9 },
      ]),
    ).toBe('3-5, 9');
    const many = Array.from({ length: 10 }, (_, i) => ({ start: i * 3, end: i * 3 }));
    expect(rangesText(many, 2)).toBe('0, 3, …');
  });

  it('counts per rule, most errors first, naming the tool when several reported', () => {
    const rules = byRule([
      lintMessage('a', 1, 'warning', 'w'),
      lintMessage('a', 2, 'error', 'e'),
      lintMessage('a', 3, 'error', 'e', { tool: 'Checkstyle' }),
    ]);
    expect(rules).toEqual([
      { name: 'Checkstyle: e', errors: 1, warnings: 0 },
      { name: 'ESLint: e', errors: 1, warnings: 0 },
      { name: 'ESLint: w', errors: 0, warnings: 1 },
    ]);
  });
});
