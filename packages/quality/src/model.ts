// What every quality report becomes, whatever tool wrote it: coverage per file and line, test cases with one outcome
// each, and lint messages. Readers (src/readers/*) fill it; the quality-gate action computes metrics and conditions
// from it. Every path here is repository-relative: forward slashes, no './' prefix, no runner-absolute prefix.

/** A path relative to the repository root, with '/' separators and no leading './' (e.g. 'src/app.ts'). */
export type RepoPath = string;

/** A covered/total pair. The percentage is derived (covered / total * 100); total 0 means there is nothing to cover. */
export interface Totals {
  covered: number;
  total: number;
}

/** Branches on one source line: how many the tests took, of how many there are. */
export interface LineBranches {
  covered: number;
  total: number;
}

/** One function (or method): where it starts and how often it ran. */
export interface FunctionHits {
  name: string;
  /** First line of the function, when the report says. */
  line?: number;
  hits: number;
}

/**
 * Coverage of one source file, merged over every report that covers it.
 *
 * Per-line data is the truth: totals are always computed from `lines`/`branches`/`functions`, never read from a
 * report's header counts (LCOV LF/LH, Cobertura line-rate, JaCoCo report counters). A report that has no per-line
 * records at all (Istanbul's coverage-summary.json) gives `summary` instead, and such a file counts towards the
 * overall metrics but not towards diff coverage (it has no lines to match against a diff).
 */
export interface FileCoverage {
  path: RepoPath;
  /** Line number (1-based) → hit count, for every coverable line; 0 hits means not covered. Iterated in line order. */
  lines: ReadonlyMap<number, number>;
  /** Line number → branches on that line. Undefined when no report for this file has branch data (n/a, not 0%). */
  branches?: Map<number, LineBranches>;
  /** Function key (name, or name@line when names repeat) → hits. Undefined when no report has function data. */
  functions?: Map<string, FunctionHits>;
  /** Totals given by a report without per-line records; undefined whenever `lines` came from per-line records. */
  summary?: { lines?: Totals; branches?: Totals; functions?: Totals };
}

/** Coverage of the whole run: one entry per repository path, reports for the same file merged per line by union. */
export interface CoverageData {
  files: Map<RepoPath, FileCoverage>;
  /** The report files read, as the user named them (for the summary and errors). */
  sources: string[];
}

export type TestOutcome = 'passed' | 'failed' | 'errored' | 'skipped';

/** One test case, after retries and reruns are folded into it: exactly one outcome. */
export interface TestCase {
  /** The suite (testsuite name) it ran in; nested suites joined with ' › '. */
  suite: string;
  name: string;
  classname?: string;
  /** Source file of the test, repository-relative, when the report says (JUnit `file` attribute, stack trace). */
  file?: RepoPath;
  line?: number;
  /** error > failure > skipped within one testcase element. */
  outcome: TestOutcome;
  /** Passed in the end after failing at least once (Surefire flakyFailure/flakyError, or a retried testcase). */
  flaky: boolean;
  /** The failure or error message (first line as the report gives it), for failed/errored/flaky cases. */
  message?: string;
  /** The failure's body (stack trace), possibly long; shown collapsed and cut. */
  details?: string;
  durationMs?: number;
  /** The report file it came from, as the user named it. */
  source: string;
}

export interface TestResults {
  cases: TestCase[];
  sources: string[];
}

export type LintSeverity = 'error' | 'warning' | 'info';

export interface LintMessage {
  path: RepoPath;
  line?: number;
  endLine?: number;
  column?: number;
  severity: LintSeverity;
  /** The rule id (ESLint ruleId, Checkstyle source, SARIF ruleId); undefined for e.g. a parse error. */
  rule?: string;
  message: string;
  /** The tool that reported it: 'ESLint', 'Checkstyle', or a SARIF run's tool.driver.name. */
  tool: string;
  source: string;
}

export interface LintResults {
  messages: LintMessage[];
  sources: string[];
}

/** Everything the gate reads. A kind with no reports given is undefined (its metrics are then unavailable). */
export interface QualityData {
  coverage?: CoverageData;
  tests?: TestResults;
  lint?: LintResults;
}
