// End to end with the real tools: examples/quality-sample in a real git repository, main and a pull request checked
// out side by side; Jest (with jest-junit), ESLint and pytest-cov write their reports in each (make-reports.sh), and
// the figures every test expects come from the tools' own output, read independently of the gate. The tools come
// from `pnpm install` and .ci/install-scanners.sh; when one is missing these tests fail saying so, they never skip.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  addedLines,
  coveragePyTotals,
  eslintReport,
  istanbulTotals,
  jestCounts,
  linesRun,
  pytestCounts,
  sampleRepository,
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
    expect(pytestCounts(base)).toEqual({ total: 5, failed: 0, errored: 0, skipped: 1 });
    expect(eslintReport(base).messages.map((m) => `${m.path}:${m.line} ${m.ruleId}`)).toEqual([
      'src/cart.js:13 eqeqeq',
      'src/cart.js:16 prefer-const',
    ]);
  });

  it('on the pull request: one failed test per tool, a new lint error, and new code partly uncovered', () => {
    const { pullRequest, baseCommit } = repository();
    expect(jestCounts(pullRequest)).toEqual({ total: 10, passed: 8, failed: 1, skipped: 1 });
    expect(pytestCounts(pullRequest)).toEqual({ total: 6, failed: 1, errored: 0, skipped: 1 });
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
