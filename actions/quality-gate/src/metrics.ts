// The metrics a condition can name, each one descriptor: its name, unit, the reports it needs, and how it is measured
// from the facts of the run. A metric that cannot be measured says why, and whether that blocks the gate.
import type { LintMessage, QualityData, TestCase } from '@actions-kit/quality';
import { COVERAGE_KINDS, percentOf, type CoverageTotals, type DiffCoverage } from './coverage-totals.js';
import type { ChangedLines } from './unified-diff.js';

export type ReportKind = 'coverage' | 'tests' | 'lint';
export type MetricUnit = 'percent' | 'points' | 'count';

/**
 * A value, or why there is none. `blocking`: the condition fails (the data the user asked to judge is not there, or
 * not of that kind); otherwise it is reported as not evaluable without failing (nothing changed to cover, no
 * baseline yet, reports allowed to be missing).
 */
export type Measurement = { value: number } | { unknown: string; blocking: boolean };

/** The previous result the *.delta metrics compare with. */
export type BaselineState =
  | { kind: 'none' }
  | { kind: 'loaded'; metrics: Readonly<Record<string, number>>; from: string }
  | { kind: 'absent'; reason: string };

export interface TestCounts {
  total: number;
  passed: number;
  failed: number;
  errored: number;
  skipped: number;
  flaky: number;
}

export interface LintCounts {
  errors: number;
  warnings: number;
}

/** What the reports, the diff and the baseline say, computed once; every metric reads it. */
export interface GateFacts {
  data: QualityData;
  /** Kinds whose reports were given but matched no file, allowed by if-missing: why they are absent. */
  missing: Partial<Record<ReportKind, string>>;
  coverage?: CoverageTotals;
  tests?: TestCounts;
  lint?: LintCounts;
  /** Set when diff-base or diff-file was given. */
  diff?: DiffFacts;
  baseline: BaselineState;
}

export interface DiffFacts {
  changed: ChangedLines;
  /** Files the change adds: a lint message with no line on one of them is new. */
  addedFiles: ReadonlySet<string>;
  coverage: DiffCoverage;
  /** Lint messages on changed lines. */
  newLint: LintMessage[];
  newLintCounts: LintCounts;
  /** Changed lines that are coverable: the count min-new-lines is compared with. */
  coverableLines: number;
}

export interface MetricDescriptor {
  name: string;
  unit: MetricUnit;
  needs: ReportKind;
  /** Measured on the changed lines: needs diff-base or diff-file. */
  onNewCode: boolean;
  /** Compares with the baseline: needs a baseline. */
  delta: boolean;
  measure(facts: GateFacts): Measurement;
}

const coverageMetric = (kind: (typeof COVERAGE_KINDS)[number]): MetricDescriptor => ({
  name: `coverage.${kind}`,
  unit: 'percent',
  needs: 'coverage',
  onNewCode: false,
  delta: false,
  measure: (facts) =>
    withReports(facts, 'coverage', () => {
      const totals = facts.coverage?.[kind];
      if (!totals) return { unknown: `the coverage reports have no ${kind} data`, blocking: true };
      const percent = percentOf(totals);
      if (percent === undefined) return { unknown: `the coverage reports count no ${kind} to cover`, blocking: true };
      return { value: percent };
    }),
});

const newCoverageMetric = (kind: (typeof COVERAGE_KINDS)[number]): MetricDescriptor => ({
  name: `new.coverage.${kind}`,
  unit: 'percent',
  needs: 'coverage',
  onNewCode: true,
  delta: false,
  measure: (facts) =>
    withReports(facts, 'coverage', () => {
      if (!facts.diff) return NO_DIFF;
      if (!facts.coverage?.[kind]) return { unknown: `the coverage reports have no ${kind} data`, blocking: true };
      const percent = percentOf(facts.diff.coverage.totals[kind]);
      if (percent !== undefined) return { value: percent };
      // Changed files that only a totals report (coverage-summary.json) covers have no lines to match: the changed
      // lines are there, the data asked for is not, so this blocks rather than passing as "nothing to cover".
      const { summaryOnly } = facts.diff.coverage;
      if (summaryOnly.length > 0) {
        const named =
          summaryOnly.slice(0, 3).join(', ') + (summaryOnly.length > 3 ? ` and ${summaryOnly.length - 3} more` : '');
        return {
          unknown:
            `changed files (${named}) are covered only by a report without per-line data (Istanbul coverage-summary.json); ` +
            'add a per-line report (lcov.info, coverage-final.json, Cobertura) to coverage',
          blocking: true,
        };
      }
      return { unknown: `no changed ${kind} to cover`, blocking: false };
    }),
});

const testMetric = (count: keyof TestCounts): MetricDescriptor => ({
  name: `tests.${count}`,
  unit: 'count',
  needs: 'tests',
  onNewCode: false,
  delta: false,
  measure: (facts) => withReports(facts, 'tests', () => ({ value: facts.tests![count] })),
});

const lintMetric = (count: keyof LintCounts, onNewCode: boolean): MetricDescriptor => ({
  name: `${onNewCode ? 'new.' : ''}lint.${count}`,
  unit: 'count',
  needs: 'lint',
  onNewCode,
  delta: false,
  measure: (facts) =>
    withReports(facts, 'lint', () => {
      if (!onNewCode) return { value: facts.lint![count] };
      if (!facts.diff) return NO_DIFF;
      return { value: facts.diff.newLintCounts[count] };
    }),
});

const BASE_METRICS: readonly MetricDescriptor[] = [
  ...COVERAGE_KINDS.map(coverageMetric),
  ...COVERAGE_KINDS.map(newCoverageMetric),
  testMetric('total'),
  testMetric('passed'),
  testMetric('failed'),
  testMetric('errored'),
  testMetric('skipped'),
  testMetric('flaky'),
  lintMetric('errors', false),
  lintMetric('warnings', false),
  lintMetric('errors', true),
  lintMetric('warnings', true),
];

/** `<metric>.delta`: the change against the baseline, in percentage points for percentages. */
const deltaMetric = (base: MetricDescriptor): MetricDescriptor => ({
  name: `${base.name}.delta`,
  unit: base.unit === 'percent' ? 'points' : 'count',
  needs: base.needs,
  onNewCode: false,
  delta: true,
  measure: (facts) => {
    const current = base.measure(facts);
    if (!('value' in current)) return current;
    const { baseline } = facts;
    if (baseline.kind === 'none') return { unknown: 'no baseline given (baseline: none)', blocking: true };
    if (baseline.kind === 'absent') return { unknown: baseline.reason, blocking: false };
    const before = baseline.metrics[base.name];
    if (before === undefined) return { unknown: `the baseline has no ${base.name}`, blocking: false };
    return { value: Math.round((current.value - before) * 100) / 100 };
  },
});

/** Every metric, in the order the docs and messages list them. New-code metrics have no delta. */
export const METRICS: readonly MetricDescriptor[] = [
  ...BASE_METRICS,
  ...BASE_METRICS.filter((metric) => !metric.onNewCode).map(deltaMetric),
];

export const METRIC_NAMES: readonly string[] = METRICS.map((metric) => metric.name);

export function findMetric(name: string): MetricDescriptor | undefined {
  return METRICS.find((metric) => metric.name === name);
}

/** The metrics saved in the result file for a later run's *.delta: every overall one that has a value. */
export function baselineValues(facts: GateFacts): Record<string, number> {
  const values: Record<string, number> = {};
  for (const metric of BASE_METRICS) {
    if (metric.onNewCode) continue;
    const measured = metric.measure(facts);
    if ('value' in measured) values[metric.name] = measured.value;
  }
  return values;
}

export function countTests(cases: readonly TestCase[]): TestCounts {
  const counts: TestCounts = { total: cases.length, passed: 0, failed: 0, errored: 0, skipped: 0, flaky: 0 };
  for (const test of cases) {
    counts[test.outcome]++;
    if (test.flaky) counts.flaky++;
  }
  return counts;
}

export function countLint(messages: readonly LintMessage[]): LintCounts {
  let errors = 0;
  let warnings = 0;
  for (const message of messages) {
    if (message.severity === 'error') errors++;
    else if (message.severity === 'warning') warnings++;
  }
  return { errors, warnings };
}

/**
 * Lint messages on changed lines; a message with no line (a parse error, a file-level rule) is new only on a file
 * the change adds, as nothing says which line of a modified file it is about.
 */
export function lintOnChangedLines(
  messages: readonly LintMessage[],
  changed: ChangedLines,
  addedFiles: ReadonlySet<string>,
): LintMessage[] {
  return messages.filter((message) => {
    const lines = changed.get(message.path);
    if (!lines) return false;
    if (message.line === undefined) return addedFiles.has(message.path);
    const last = message.endLine ?? message.line;
    for (let line = message.line; line <= last && line - message.line < 10_000; line++) {
      if (lines.has(line)) return true;
    }
    return false;
  });
}

/** New code is judged only when a diff says what changed (a pull request); a push to main has none. */
const NO_DIFF: Measurement = { unknown: 'no diff-base or diff-file given, so no changed lines', blocking: false };

/** Runs `measure` when the kind's reports were read; otherwise says why they are not there. */
function withReports(facts: GateFacts, kind: ReportKind, measure: () => Measurement): Measurement {
  if (facts.data[kind] !== undefined) return measure();
  const missing = facts.missing[kind];
  if (missing !== undefined) return { unknown: missing, blocking: false };
  return { unknown: `no ${kind} reports given (set ${kind})`, blocking: true };
}
