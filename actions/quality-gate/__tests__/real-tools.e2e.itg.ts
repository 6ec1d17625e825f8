// End to end with the real tools: examples/quality-sample in a real git repository, main and a pull request checked
// out side by side; Jest (with jest-junit), ESLint and pytest-cov write their reports in each (make-reports.sh), and
// the figures every test expects come from the tools' own output, read independently of the gate. The tools come
// from `pnpm install` and .ci/install-scanners.sh; when one is missing these tests fail saying so, they never skip.
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Annotation } from '@actions-kit/harness';
import { NODES, bundledAction, rendered } from '@actions-kit/testkit/bundles';
import {
  addedLines,
  coveragePyTotals,
  eslintReport,
  istanbulTotals,
  jestCounts,
  linesRun,
  pytestCounts,
  sampleRepository,
  type Count,
  type CoverageTotals,
  type SampleRepository,
} from './sample-repository.js';

let sample: SampleRepository | undefined;
let toolError: unknown;
beforeAll(async () => {
  try {
    sample = await sampleRepository();
  } catch (error) {
    // Reported by every test below, so a missing tool fails the suite instead of skipping it.
    toolError = error;
  }
}, 240_000);
afterAll(() => sample?.remove());

function repository(): SampleRepository {
  if (toolError) throw toolError;
  return sample!;
}

/** The changed lines that coverage knows, and those of them no test ran, per path (what diff coverage is made of). */
function changedCoverableLines(checkout: string, baseCommit: string) {
  const ran = linesRun(checkout);
  const changed = new Map<string, { covered: number[]; uncovered: number[] }>();
  for (const [file, lines] of addedLines(checkout, baseCommit)) {
    const coverable = [...lines].filter((n) => ran.get(file)?.has(n));
    if (coverable.length === 0) continue;
    changed.set(file, {
      covered: coverable.filter((n) => ran.get(file)!.get(n)),
      uncovered: coverable.filter((n) => !ran.get(file)!.get(n)),
    });
  }
  return changed;
}

describe('the reports the real tools wrote for the sample', () => {
  // What examples/quality-sample/README.md promises; if the tools change their minds, these say so first.
  it('on main: every test passes but the skipped ones, and the lint error and warning already there', () => {
    const { base } = repository();
    expect(jestCounts(base)).toEqual({ total: 8, passed: 7, failed: 0, skipped: 1 });
    expect(pytestCounts(base)).toEqual({ total: 5, passed: 4, failed: 0, errored: 0, skipped: 1 });
    expect(eslintReport(base).messages.map((m) => `${m.path}:${m.line} ${m.ruleId}`)).toEqual([
      'src/cart.js:13 eqeqeq',
      'src/cart.js:16 prefer-const',
    ]);
  });

  it('on the pull request: one failed test per tool, a new lint error, and new code partly uncovered', () => {
    const { pullRequest, baseCommit } = repository();
    expect(jestCounts(pullRequest)).toEqual({ total: 10, passed: 8, failed: 1, skipped: 1 });
    expect(pytestCounts(pullRequest)).toEqual({ total: 6, passed: 4, failed: 1, errored: 0, skipped: 1 });
    expect(eslintReport(pullRequest).messages.map((m) => `${m.path}:${m.line} ${m.ruleId}`)).toEqual([
      'src/cart.js:19 eqeqeq',
      'src/cart.js:22 prefer-const',
      'src/shipping.js:6 no-unused-vars',
    ]);
    const uncovered = [...changedCoverableLines(pullRequest, baseCommit)].map(([file, lines]) => [
      file,
      lines.uncovered,
    ]);
    expect(uncovered).toEqual([
      ['inventory/stock.py', [17]],
      ['src/cart.js', [13, 14]],
      ['src/shipping.js', [8]],
    ]);
  });

  it('has coverage the tools measured themselves, with branches, and less of it on the pull request', () => {
    const { base, pullRequest } = repository();
    const ratio = ({ lines }: CoverageTotals) => lines.covered / lines.total;
    for (const totalsOf of [istanbulTotals, coveragePyTotals]) {
      const [before, after] = [totalsOf(base), totalsOf(pullRequest)];
      for (const totals of [before, after]) {
        expect(totals.lines.covered).toBeLessThan(totals.lines.total);
        expect(totals.branches.total).toBeGreaterThan(totals.branches.covered);
      }
      expect(ratio(after)).toBeLessThan(ratio(before));
    }
  });
});

// ---- The bundled gate on those reports ----

const action = bundledAction(new URL('..', import.meta.url));
const node24 = NODES.find(([label]) => label === 'Node 24')![1];

const JS_COVERAGE = {
  LCOV: 'reports/coverage-js/lcov.info',
  Cobertura: 'reports/coverage-js/cobertura-coverage.xml',
  'Istanbul JSON': 'reports/coverage-js/coverage-final.json',
  'Istanbul summary': 'reports/coverage-js/coverage-summary.json',
};
const ALL_REPORTS = {
  coverage: 'reports/coverage-js/lcov.info\nreports/coverage-python.xml',
  tests: 'reports/jest-junit.xml\nreports/pytest-junit.xml',
  lint: 'reports/eslint.json',
};

/** A percentage as the gate gives it (two decimals at most), from the tool's own counts. */
const percent = ({ covered, total }: Count): number => Math.round((covered / total) * 10_000) / 100;
const sum = (a: Count, b: Count): Count => ({ covered: a.covered + b.covered, total: a.total + b.total });

/** Ascending line numbers as the ranges the gate annotates: [13, 14, 20] → 13-14, 20-20. */
function lineRanges(lines: number[]): string[] {
  const ranges: [number, number][] = [];
  for (const line of lines) {
    const last = ranges.at(-1);
    if (last && last[1] === line - 1) last[1] = line;
    else ranges.push([line, line]);
  }
  return ranges.map(([from, to]) => `${from}-${to}`);
}

/** Diff coverage of the files `include` keeps: changed coverable lines covered and in all, the uncovered ranges. */
function diffCoverage(checkout: string, baseCommit: string, include = (_file: string) => true) {
  const files = [...changedCoverableLines(checkout, baseCommit)].filter(([file]) => include(file));
  const covered = files.reduce((n, [, lines]) => n + lines.covered.length, 0);
  const uncovered = files.reduce((n, [, lines]) => n + lines.uncovered.length, 0);
  const ranges = files.flatMap(([file, lines]) => lineRanges(lines.uncovered).map((range) => `${file}:${range}`));
  return { covered, total: covered + uncovered, ranges };
}

const annotated = (annotations: Annotation[], level: Annotation['level']): string[] =>
  annotations
    .filter((a) => a.level === level && a.properties.file !== undefined)
    .map((a) => `${a.properties.file}:${a.properties.line}-${a.properties.endLine ?? a.properties.line}`);

describe('the bundled gate on the real reports', () => {
  it.each(Object.entries(JS_COVERAGE))(
    'reads Jest coverage as %s to the totals Istanbul gives itself',
    async (format, report) => {
      const { pullRequest, baseCommit } = repository();
      const expected = istanbulTotals(pullRequest);
      const changed = diffCoverage(pullRequest, baseCommit, (file) => file.endsWith('.js'));
      const { outputs, exitCode } = await action.run(node24, {
        workspace: pullRequest,
        inputs: { coverage: report, 'diff-base': baseCommit, conditions: 'coverage.lines >= 0' },
      });
      expect(exitCode).toBe(0);
      expect(outputs).toMatchObject({
        'coverage-lines': String(percent(expected.lines)),
        'coverage-branches': String(percent(expected.branches)),
        // The Cobertura reader takes functions from no report: <method> has no hit count in the format (Istanbul's
        // hits="…" is its own addition), so no function data rather than a made-up figure.
        'coverage-functions': format === 'Cobertura' ? '' : String(percent(expected.functions!)),
        // Totals only, no lines: nothing to match with the diff.
        'diff-coverage': format === 'Istanbul summary' ? '' : String(percent(changed)),
      });
    },
  );

  it('counts each line once when one run is given in all four formats', async () => {
    const { pullRequest } = repository();
    const expected = istanbulTotals(pullRequest);
    const { outputs } = await action.run(node24, {
      workspace: pullRequest,
      inputs: { coverage: Object.values(JS_COVERAGE).join('\n'), conditions: 'coverage.lines >= 0' },
    });
    expect(outputs['coverage-lines']).toBe(String(percent(expected.lines)));
    expect(outputs['coverage-branches']).toBe(String(percent(expected.branches)));
  });

  it('reads pytest-cov Cobertura and pytest JUnit to the figures coverage.py and pytest give', async () => {
    const { pullRequest, baseCommit } = repository();
    const expected = coveragePyTotals(pullRequest);
    const tests = pytestCounts(pullRequest);
    const changed = diffCoverage(pullRequest, baseCommit, (file) => file.endsWith('.py'));
    const { outputs, annotations } = await action.run(node24, {
      workspace: pullRequest,
      inputs: {
        coverage: 'reports/coverage-python.xml',
        tests: 'reports/pytest-junit.xml',
        'diff-base': baseCommit,
        conditions: 'tests.failed == 0',
      },
    });
    expect(outputs).toMatchObject({
      passed: 'false',
      'coverage-lines': String(percent(expected.lines)),
      'coverage-branches': String(percent(expected.branches)),
      'diff-coverage': String(percent(changed)),
      'tests-total': String(tests.total),
      'tests-passed': String(tests.passed),
      'tests-failed': String(tests.failed),
      'tests-errored': String(tests.errored),
      'tests-skipped': String(tests.skipped),
    });
    // Cobertura names stock.py under <source>…/inventory: mapped back to where it is in the repository.
    expect(annotated(annotations, 'warning')).toEqual(changed.ranges);
  });

  describe.each(NODES)('main, then the pull request with main as its baseline, under %s', (_label, nodePath) => {
    // The same conditions for the push to main and for pull requests (new.* are not evaluable without a diff), and
    // on the pull request the change since main's result (*.delta needs a baseline, which main's run is).
    const CONDITIONS = [
      'tests.failed == 0',
      'coverage.lines >= 80',
      'new.coverage.lines >= 90',
      'new.lint.errors == 0',
    ];
    const PULL_REQUEST_CONDITIONS = [...CONDITIONS, 'coverage.lines.delta >= 0'];
    const readResult = (checkout: string) =>
      JSON.parse(readFileSync(path.join(checkout, 'quality-gate.json'), 'utf8')) as {
        conditions: { metric: string; status: string; value?: number; reason?: string }[];
      };

    it('passes main, and fails the pull request on the failed tests, the new lint error and the coverage drop', async () => {
      const { base, pullRequest, baseCommit } = repository();

      // main: no diff, so the new.* conditions are not evaluable, and the others pass.
      const onMain = await action.run(nodePath, {
        workspace: base,
        inputs: { ...ALL_REPORTS, conditions: CONDITIONS.join('\n') },
      });
      const mainCoverage = sum(istanbulTotals(base).lines, coveragePyTotals(base).lines);
      expect(onMain.exitCode).toBe(0);
      expect(onMain.outputs).toMatchObject({ passed: 'true', 'coverage-lines': String(percent(mainCoverage)) });
      expect(readResult(base).conditions.map(({ metric, status }) => `${metric} ${status}`)).toEqual([
        'tests.failed passed',
        'coverage.lines passed',
        'new.coverage.lines not-evaluable',
        'new.lint.errors not-evaluable',
      ]);
      // As a workflow would hand it over: main's result file, downloaded into the pull request's checkout.
      copyFileSync(path.join(base, 'quality-gate.json'), path.join(pullRequest, 'main-quality-gate.json'));

      const run = await action.run(nodePath, {
        workspace: pullRequest,
        inputs: {
          ...ALL_REPORTS,
          'diff-base': baseCommit,
          baseline: 'main-quality-gate.json',
          conditions: PULL_REQUEST_CONDITIONS.join('\n'),
        },
      });

      const coverage = sum(istanbulTotals(pullRequest).lines, coveragePyTotals(pullRequest).lines);
      const jest = jestCounts(pullRequest);
      const pytest = pytestCounts(pullRequest);
      const lint = eslintReport(pullRequest);
      const added = addedLines(pullRequest, baseCommit);
      const newLintErrors = lint.messages.filter((m) => m.severity === 2 && added.get(m.path)?.has(m.line));
      const changed = diffCoverage(pullRequest, baseCommit);
      const failed = jest.failed + pytest.failed;

      expect(run.exitCode).toBe(1);
      expect(run.outputs).toMatchObject({
        passed: 'false',
        'coverage-lines': String(percent(coverage)),
        'diff-coverage': String(percent(changed)),
        'tests-total': String(jest.total + pytest.total),
        'tests-passed': String(jest.passed + pytest.passed),
        'tests-failed': String(failed),
        'tests-skipped': String(jest.skipped + pytest.skipped),
        'lint-errors': String(lint.errors),
        'lint-warnings': String(lint.warnings),
        'result-file': path.join(pullRequest, 'quality-gate.json'),
      });
      const failedConditions = JSON.parse(run.outputs['failed-conditions']!) as {
        condition: string;
        metric: string;
        value: number;
      }[];
      expect(failedConditions.map(({ metric, value }) => ({ metric, value }))).toEqual([
        { metric: 'tests.failed', value: failed },
        { metric: 'new.lint.errors', value: newLintErrors.length },
        { metric: 'coverage.lines.delta', value: expect.closeTo(percent(coverage) - percent(mainCoverage), 2) },
      ]);

      // Fewer changed coverable lines than min-new-lines (20 by default): reported, not enforced.
      expect(readResult(pullRequest).conditions.find((c) => c.metric === 'new.coverage.lines')).toEqual(
        expect.objectContaining({
          status: 'not-enforced',
          value: percent(changed),
          reason: `${changed.total} changed coverable lines, fewer than min-new-lines (20)`,
        }),
      );

      // Annotations: the failed tests (where the report says), the new lint error and not the old one, and the
      // uncovered changed lines as ranges.
      expect(annotated(run.annotations, 'error').sort()).toEqual(
        ['__tests__/price.test.js:28-28', ...newLintErrors.map((m) => `${m.path}:${m.line}-${m.line}`)].sort(),
      );
      expect(run.annotations.filter((a) => a.level === 'error' && a.message.includes('AssertionError'))).toHaveLength(
        pytest.failed,
      );
      expect(annotated(run.annotations, 'warning').sort()).toEqual([...changed.ranges].sort());

      // The page: the verdict and why first, the failed conditions before the rest, the tools' own counts.
      const page = rendered(run);
      expect(page.split('\n')[0]).toBe('## Quality gate: ❌ failed');
      const rows = page.split('\n').filter((line) => /^\| `[a-z.]+ [<>=!]+ -?[\d.]+` \|/.test(line));
      expect(rows).toHaveLength(PULL_REQUEST_CONDITIONS.length);
      const failedFirst = failedConditions.length;
      expect(rows.slice(0, failedFirst).map((row) => row.split('`')[1])).toEqual(
        failedConditions.map(({ condition }) => condition),
      );
      expect(rows.slice(failedFirst).every((row) => !row.includes('❌'))).toBe(true);
      expect(page).toContain(
        `${jest.total + pytest.total} tests: ${jest.passed + pytest.passed} passed, ${failed} failed, ` +
          `${pytest.errored} errored, ${jest.skipped + pytest.skipped} skipped.`,
      );
      for (const rule of new Set(lint.messages.map((m) => m.ruleId))) {
        const of = (severity: 1 | 2) => lint.messages.filter((m) => m.ruleId === rule && m.severity === severity);
        expect(page).toContain(`| \`${rule}\` | ${of(2).length} | ${of(1).length} |`);
      }
    });
  });

  it('enforces new.coverage.lines once the change has at least min-new-lines coverable lines', async () => {
    const { pullRequest, baseCommit } = repository();
    const changed = diffCoverage(pullRequest, baseCommit);
    const { outputs, exitCode } = await action.run(node24, {
      workspace: pullRequest,
      inputs: {
        ...ALL_REPORTS,
        'diff-base': baseCommit,
        'min-new-lines': String(changed.total),
        conditions: 'new.coverage.lines >= 90',
      },
    });
    expect(exitCode).toBe(1);
    expect(JSON.parse(outputs['failed-conditions']!)).toEqual([
      {
        condition: 'new.coverage.lines >= 90',
        metric: 'new.coverage.lines',
        value: percent(changed),
        reason: `${percent(changed)}% is not >= 90`,
      },
    ]);
  });
});
