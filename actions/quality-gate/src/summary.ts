// The job summary, one page: the verdict and why first, every condition with its value and verdict (failed first),
// coverage overall, on the changed lines and since the baseline, the files with the most uncovered changed lines,
// failed and flaky tests, lint by rule, then what was read. Written as Markdown that reads well as raw text too: text
// from reports (names, messages, paths, rules) only ever appears inside code spans, where Markdown, HTML and
// @mentions are inert, so nothing else needs a backslash.
import { SummaryBuilder, agree, countOf, groupDigits, oneLine } from '@actions-kit/core';
import type { LintMessage, TestCase, Totals } from '@actions-kit/quality';
import type { ConditionResult, ConditionStatus } from './conditions.js';
import { COVERAGE_KINDS, percentOf, type LineRange } from './coverage-totals.js';
import { cut, formatValue } from './format.js';
import type { GateOutcome } from './gate.js';
import type { GateFacts, ReportKind } from './metrics.js';

export interface SummaryView {
  outcome: GateOutcome;
  /** Where the changed lines came from, e.g. "git diff from the merge base of origin/main and HEAD". */
  diffSource?: string;
  /** Hunks the diff cut short (read as far as they go). */
  truncatedHunks: number;
  /** Where the baseline came from, or why there is none; undefined with baseline: none. */
  baselineNote?: string;
  /** Patterns that matched no file, allowed by if-missing. */
  unmatched: Partial<Record<ReportKind, string[]>>;
  resultFile: string;
  /** AnnotationBudget's note about annotations left out; '' when none were. */
  annotationsOmitted: string;
  /** What happened to the baseline in the cache this run (saved, or not and why). */
  cacheNote?: string;
}

/** How many rows each list shows; the rest is counted. */
const LIMITS = { uncoveredFiles: 10, failures: 20, flaky: 10, rules: 15, files: 10, messageChars: 200 } as const;

const STATUS_ORDER: readonly ConditionStatus[] = ['failed', 'not-evaluable', 'not-enforced', 'passed'];
const STATUS_LABEL: Record<ConditionStatus, string> = {
  failed: '❌ failed',
  'not-evaluable': '⚠️ not evaluable',
  'not-enforced': '➖ not enforced',
  passed: '✅ passed',
};

export function buildSummary(view: SummaryView): SummaryBuilder {
  const { outcome } = view;
  const summary = new SummaryBuilder();
  summary.raw(`## Quality gate: ${outcome.passed ? '✅ passed' : '❌ failed'}`);
  summary.raw(verdictSentence(outcome.results));
  conditionsTable(summary, outcome.results);
  coverageSection(summary, outcome.facts);
  testsSection(summary, outcome.facts);
  lintSection(summary, outcome.facts);
  footer(summary, view);
  return summary;
}

/** The verdict's reasons in one paragraph: the failed conditions, then those not judged and why. */
export function verdictSentence(results: readonly ConditionResult[]): string {
  const by = (status: ConditionStatus): ConditionResult[] => results.filter((result) => result.status === status);
  const failed = by('failed');
  const parts: string[] = [];
  if (results.length === 0) parts.push('No condition to judge.');
  else if (failed.length > 0) {
    parts.push(
      `${failed.length} of ${countOf(results.length, 'condition')} failed: ` +
        `${failed.map((result) => `${code(result.condition.text)} (${result.reason})`).join('; ')}.`,
    );
  } else {
    const passed = by('passed').length;
    parts.push(
      passed === results.length
        ? `${results.length === 1 ? 'The condition is' : `All ${results.length} conditions are`} met.`
        : `${passed} of ${countOf(results.length, 'condition')} met, none failed.`,
    );
  }
  for (const status of ['not-evaluable', 'not-enforced'] as const) {
    const some = by(status);
    if (some.length === 0) continue;
    const reasons = some.map((result) => `${code(result.condition.text)}: ${plainReason(result)}`);
    parts.push(
      `${countOf(some.length, 'condition')} ${agree(some.length, 'was', 'were')} ${status.replace('-', ' ')}, ` +
        `which is not a pass: ${reasons.join('; ')}.`,
    );
  }
  return parts.join(' ');
}

function conditionsTable(summary: SummaryBuilder, results: readonly ConditionResult[]): void {
  if (results.length === 0) return;
  const ordered = [...results].sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status));
  summary.raw(
    table(
      ['Condition', 'Value', 'Verdict'],
      ordered.map((result) => [
        code(result.condition.text),
        result.value === undefined ? '–' : formatValue(result.value, result.condition.metric.unit),
        result.status === 'passed' ? STATUS_LABEL.passed : `${STATUS_LABEL[result.status]}: ${plainReason(result)}`,
      ]),
    ),
  );
}

function coverageSection(summary: SummaryBuilder, facts: GateFacts): void {
  if (!facts.coverage && !facts.missing.coverage) return;
  summary.raw('### Coverage');
  const overall = facts.coverage;
  if (!overall) {
    summary.raw(`No coverage report read: ${facts.missing.coverage}.`);
    return;
  }
  const rows: string[][] = [['All code', ...COVERAGE_KINDS.map((kind) => totalsCell(overall[kind]))]];
  const diff = facts.diff;
  if (diff) {
    rows.push([
      `Changed lines (${countOf(diff.coverableLines, 'coverable line')})`,
      ...COVERAGE_KINDS.map((kind) => totalsCell(diff.coverage.totals[kind])),
    ]);
  }
  const baseline = facts.baseline;
  if (baseline.kind === 'loaded') {
    rows.push([
      'Change since the baseline',
      ...COVERAGE_KINDS.map((kind) => {
        const now = percentOf(overall[kind]);
        const then = baseline.metrics[`coverage.${kind}`];
        if (now === undefined || then === undefined) return 'n/a';
        return formatValue(Math.round((now - then) * 100) / 100, 'points');
      }),
    ]);
  }
  summary.raw(table(['', 'Lines', 'Branches', 'Functions'], rows));
  if (diff) changedLinesCoverage(summary, diff);
}

function changedLinesCoverage(summary: SummaryBuilder, diff: NonNullable<GateFacts['diff']>): void {
  const uncovered = diff.coverage.files.filter((file) => file.uncoveredCount > 0);
  if (uncovered.length > 0) {
    const lines = uncovered.reduce((sum, file) => sum + file.uncoveredCount, 0);
    const shown = uncovered.length > LIMITS.uncoveredFiles ? `; the ${LIMITS.uncoveredFiles} with the most:` : ':';
    summary.raw(`Changed lines not covered: ${countOf(lines, 'line')} in ${countOf(uncovered.length, 'file')}${shown}`);
    summary.raw(
      table(
        ['File', 'Uncovered changed lines', 'Changed lines covered'],
        uncovered
          .slice(0, LIMITS.uncoveredFiles)
          .map((file) => [
            code(file.path),
            `${groupDigits(file.uncoveredCount)}: ${rangesText(file.uncovered)}`,
            totalsCell(file.totals.lines),
          ]),
      ),
    );
  } else if (diff.coverableLines > 0) {
    summary.raw('Every changed coverable line is covered.');
  }
  const { withoutCoverage, summaryOnly } = diff.coverage;
  if (withoutCoverage.length > 0) {
    const count = withoutCoverage.length;
    summary.raw(
      `${countOf(count, 'changed file')} ${agree(count, 'is', 'are')} in no coverage report, so ` +
        `${agree(count, 'it does', 'they do')} not count (a source file no test loads is left out of most reports; ` +
        `Jest's collectCoverageFrom puts it in): ${listed(withoutCoverage)}.`,
    );
  }
  if (summaryOnly.length > 0) {
    const count = summaryOnly.length;
    summary.raw(
      `${countOf(count, 'changed file')} ${agree(count, 'has', 'have')} only totals in the reports ` +
        `(coverage-summary.json), no lines, so ${agree(count, 'it does', 'they do')} not count on changed lines: ` +
        `${listed(summaryOnly)}.`,
    );
  }
}

function testsSection(summary: SummaryBuilder, facts: GateFacts): void {
  if (!facts.tests && !facts.missing.tests) return;
  summary.raw('### Tests');
  const counts = facts.tests;
  if (!counts) {
    summary.raw(`No test report read: ${facts.missing.tests}.`);
    return;
  }
  summary.raw(
    `${countOf(counts.total, 'test')}: ${groupDigits(counts.passed)} passed` +
      `${counts.flaky > 0 ? ` (${groupDigits(counts.flaky)} flaky)` : ''}, ${groupDigits(counts.failed)} failed, ` +
      `${groupDigits(counts.errored)} errored, ${groupDigits(counts.skipped)} skipped.`,
  );
  const cases = facts.data.tests?.cases ?? [];
  const broken = cases.filter((test) => test.outcome === 'failed' || test.outcome === 'errored');
  if (broken.length > 0) {
    summary.raw(
      table(
        ['Test', 'Outcome', 'Message', 'Where'],
        broken
          .slice(0, LIMITS.failures)
          .map((test) => [code(testName(test)), test.outcome, messageCell(test.message), whereCell(test)]),
      ),
    );
    if (broken.length > LIMITS.failures) {
      summary.raw(`…and ${countOf(broken.length - LIMITS.failures, 'more failure')}, in the test reports.`);
    }
  }
  const flaky = cases.filter((test) => test.flaky);
  if (flaky.length > 0) {
    const shown = flaky.slice(0, LIMITS.flaky).map((test) => {
      const message = test.message ? `: ${messageCell(test.message)}` : '';
      return `- ${code(testName(test))}${message}`;
    });
    const more = flaky.length > LIMITS.flaky ? `\n- …and ${groupDigits(flaky.length - LIMITS.flaky)} more` : '';
    summary.raw(`Flaky, passed after failing:\n\n${shown.join('\n')}${more}`);
  }
}

function lintSection(summary: SummaryBuilder, facts: GateFacts): void {
  if (!facts.lint && !facts.missing.lint) return;
  summary.raw('### Lint');
  const counts = facts.lint;
  if (!counts) {
    summary.raw(`No lint report read: ${facts.missing.lint}.`);
    return;
  }
  const newCounts = facts.diff?.newLintCounts;
  const onChanged = newCounts
    ? ` (${countOf(newCounts.errors, 'error')} and ${countOf(newCounts.warnings, 'warning')} on changed lines)`
    : '';
  summary.raw(`${countOf(counts.errors, 'error')}, ${countOf(counts.warnings, 'warning')}${onChanged}.`);
  const rules = byRule(facts.data.lint?.messages ?? []);
  if (rules.length === 0) return;
  summary.raw(
    table(
      ['Rule', 'Errors', 'Warnings'],
      rules
        .slice(0, LIMITS.rules)
        .map((rule) => [code(rule.name), groupDigits(rule.errors), groupDigits(rule.warnings)]),
    ),
  );
  if (rules.length > LIMITS.rules) summary.raw(`…and ${countOf(rules.length - LIMITS.rules, 'more rule')}.`);
}

function footer(summary: SummaryBuilder, view: SummaryView): void {
  const { data, diff } = view.outcome.facts;
  const read = [
    data.coverage && countOf(data.coverage.sources.length, 'coverage report'),
    data.tests && countOf(data.tests.sources.length, 'test report'),
    data.lint && countOf(data.lint.sources.length, 'lint report'),
  ].filter((part): part is string => typeof part === 'string');
  const lines = [`Read ${read.length > 0 ? read.join(', ') : 'no report'}.`];
  if (view.diffSource && diff) {
    lines.push(`Changed lines: ${view.diffSource}; ${countOf(diff.changed.size, 'file')} with added or changed lines.`);
  }
  if (view.truncatedHunks > 0) {
    const count = view.truncatedHunks;
    lines.push(
      `The diff has ${countOf(count, 'hunk')} cut short; ${agree(count, 'it was', 'they were')} read as far as ` +
        `${agree(count, 'it goes', 'they go')}.`,
    );
  }
  if (view.baselineNote) lines.push(`Baseline: ${view.baselineNote}.`);
  if (view.cacheNote) lines.push(`${capitalise(view.cacheNote)}.`);
  for (const [kind, patterns] of Object.entries(view.unmatched)) {
    if (patterns.length > 0) lines.push(`${kind}: no file matches ${patterns.map(code).join(', ')}.`);
  }
  lines.push(`Result: ${code(view.resultFile)}.`);
  if (view.annotationsOmitted) lines.push(view.annotationsOmitted);
  // Two spaces before each line break: separate lines on GitHub, and plain lines in the raw text.
  summary.raw(lines.join('  \n'));
}

/** A condition's reason without the status it repeats. */
function plainReason(result: ConditionResult): string {
  return (result.reason ?? '').replace(/^not evaluable: /, '');
}

function totalsCell(totals: Totals | undefined): string {
  if (!totals) return 'n/a';
  const percent = percentOf(totals);
  if (percent === undefined) return 'nothing to cover';
  return `${percent}% (${groupDigits(totals.covered)} of ${groupDigits(totals.total)})`;
}

export function rangesText(ranges: readonly LineRange[], shown = 8): string {
  const text = ranges
    .slice(0, shown)
    .map((range) => (range.start === range.end ? `${range.start}` : `${range.start}-${range.end}`))
    .join(', ');
  return ranges.length > shown ? `${text}, …` : text;
}

function testName(test: TestCase): string {
  return test.suite ? `${test.suite} › ${test.name}` : test.name;
}

function messageCell(message: string | undefined): string {
  return message ? code(cut(oneLine(message), LIMITS.messageChars)) : '';
}

function whereCell(test: TestCase): string {
  if (!test.file) return '';
  return code(test.line === undefined ? test.file : `${test.file}:${test.line}`);
}

interface RuleCount {
  name: string;
  errors: number;
  warnings: number;
}

/** Lint messages counted per rule ("tool: rule" when several tools report), most errors first. */
export function byRule(messages: readonly LintMessage[]): RuleCount[] {
  const tools = new Set(messages.map((message) => message.tool));
  const rules = new Map<string, RuleCount>();
  for (const message of messages) {
    if (message.severity === 'info') continue;
    const rule = message.rule ?? '(no rule)';
    const name = tools.size > 1 ? `${message.tool}: ${rule}` : rule;
    const count = rules.get(name) ?? { name, errors: 0, warnings: 0 };
    if (message.severity === 'error') count.errors++;
    else count.warnings++;
    rules.set(name, count);
  }
  return [...rules.values()].sort(
    (a, b) => b.errors - a.errors || b.warnings - a.warnings || (a.name < b.name ? -1 : 1),
  );
}

/**
 * Text from a report as an inline code span: rendered as itself (no Markdown, no HTML, no @mention), on one line,
 * fenced with more backticks than it holds. In a table, table() escapes its `|`.
 */
export function code(text: string): string {
  const flat = oneLine(text);
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A GitHub table; a `|` in a cell is escaped, as GitHub splits cells before it reads code spans. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function listed(items: readonly string[]): string {
  const head = items.slice(0, LIMITS.files).map(code).join(', ');
  return items.length > LIMITS.files ? `${head} and ${groupDigits(items.length - LIMITS.files)} more` : head;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
