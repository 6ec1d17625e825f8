// The security-scan step: inputs → read reports → analyse → SARIF and JSON report → outputs, annotations, summary.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  AnnotationBudget,
  ConfigurationError,
  UserError,
  countOf,
  debug,
  groupDigits,
  info,
  printAnnotation,
  printUntrusted,
  setOutput,
  warning,
  type AnnotationPrinter,
  type SummaryBuilder,
} from '@actions-kit/core';
import {
  analyse,
  buildReport,
  buildSarif,
  serializeReport,
  serializeSarif,
  writeChunks,
  type Analysis,
  type ReportFileEntry,
} from '@actions-kit/findings';
import { annotateFindings } from './annotations.js';
import { checkLicenses } from './check-licenses.js';
import { getInputs, type InputFile, type Inputs } from './inputs.js';
import { pullRequestComment } from './pr-comment.js';
import { loadBaseline, loadSuppressions } from './policy-files.js';
import { readReports } from './read-reports.js';
import { blobBaseFromEnv, buildSummary, placeText, policyMark, topOpen, type BlobBase } from './summary.js';
import { policyFailureMessage } from './verdict.js';

/** What run() does to the runner and reads from it: the runner itself in main(), plain objects in tests. */
export interface RunDeps {
  setOutput(name: string, value: string): void;
  /** Where the findings' annotations go; run() keeps them within GitHub's limits. */
  printAnnotation: AnnotationPrinter;
  writeSummary(summary: SummaryBuilder): Promise<void>;
  /** A log line of the action's own; report text goes through printUntrusted. */
  info(message: string): void;
  printUntrusted(text: string): void;
  /** A warning annotation of the action's own (a pattern that matched nothing, an unreadable report). */
  warning(message: string): void;
  debug(message: string): void;
  /** Milliseconds since the epoch: the JSON report's date, which suppressions have expired, the phase timings. */
  now(): number;
  /** When the step started, before its inputs were read: where the phase timings start. */
  startedAt: number;
  /** Where the summary links a finding's line; undefined when the run's repository and commit are not known. */
  blobBase: BlobBase | undefined;
  /** Posts the summary on the pull request when comment-on-pr is true (see pr-comment.ts); tests may leave it out. */
  commentSummary?(summary: SummaryBuilder): Promise<void>;
}

export async function main(): Promise<void> {
  const startedAt = Date.now();
  const inputs = await getInputs();
  const comment = pullRequestComment(inputs.comment);
  await run(inputs, {
    setOutput,
    printAnnotation,
    writeSummary: (summary) => summary.write(),
    info,
    printUntrusted,
    warning,
    debug,
    // Date.now, not performance.now: the global `performance` loads perf_hooks and a dozen internal modules on
    // first use, ~1 ms of every run's start-up.
    now: Date.now,
    startedAt,
    blobBase: blobBaseFromEnv(process.env),
    commentSummary: comment.post,
  }).catch(comment.failed);
}

/** The step after its inputs are read: every output, file, annotation and the summary, then the verdict. */
export async function run(inputs: Inputs, deps: RunDeps): Promise<void> {
  const timer = new PhaseTimer(deps.now, deps.startedAt);
  const { analysis, files, warnings } = await readAndAnalyse(inputs, deps, timer);

  const sarif = buildSarif(analysis.findings, { tools: analysis.tools });
  const report = buildReport({
    generatedAt: new Date(deps.now()),
    policy: inputs.policy,
    ...analysis,
    files,
    dropped: sarif.dropped,
    combinedTools: sarif.combinedTools,
  });
  await writeOutput('sarif-output', inputs.sarifOutput, serializeSarif(sarif.plan));
  timer.lap('SARIF built and written');
  await writeOutput('report-output', inputs.reportOutput, serializeReport(report));
  timer.lap('JSON report written');
  setOutputs(deps, analysis, inputs.sarifOutput.file, inputs.reportOutput.file);
  logResult(deps, analysis, inputs);

  const annotationsOmitted = inputs.annotations
    ? annotate(deps, analysis, warnings.length, inputs.baseline !== undefined)
    : '';
  if (inputs.summary || inputs.comment) {
    await publishSummary(
      inputs,
      deps,
      buildSummary({
        policy: inputs.policy,
        analysis,
        files,
        unmatchedReports: inputs.unmatchedReports,
        skippedReports: inputs.skippedReports,
        ...(inputs.baseline && { baseline: inputs.baseline.displayPath }),
        ...(inputs.missingBaseline && { missingBaseline: inputs.missingBaseline }),
        sarif: { dropped: sarif.dropped, combinedTools: sarif.combinedTools, file: inputs.sarifOutput.displayPath },
        reportFile: inputs.reportOutput.displayPath,
        annotationsOmitted,
        blobBase: deps.blobBase,
      }),
    );
  }
  timer.lap('annotations and summary');
  deps.debug(`security-scan: time spent (ms): ${timer.report()}`);
  if (!analysis.result.passed) {
    const options = { hasBaseline: inputs.baseline !== undefined, reportFile: inputs.reportOutput.displayPath };
    throw new UserError(policyFailureMessage(analysis.result, inputs.policy, options));
  }
}

/** The summary written to the step (summary: true) and posted on the pull request (comment-on-pr: true). */
async function publishSummary(inputs: Inputs, deps: RunDeps, summary: SummaryBuilder): Promise<void> {
  // Posted first: a comment that could not be posted adds its reason to the summary.
  if (inputs.comment) await deps.commentSummary?.(summary);
  if (inputs.summary) await deps.writeSummary(summary);
}

/**
 * Reads the reports and analyses their records. The records are let go when this returns: the findings keep what
 * they need of them, and a smaller heap is quicker to collect while the outputs are written.
 */
async function readAndAnalyse(
  inputs: Inputs,
  deps: RunDeps,
  timer: PhaseTimer,
): Promise<{ analysis: Analysis; files: ReportFileEntry[]; warnings: string[] }> {
  const ignoreFile = inputs.ignoreFile ? await loadSuppressions(inputs.ignoreFile) : { suppressions: [], warnings: [] };
  const baseline = inputs.baseline ? loadBaseline(inputs.baseline) : undefined;
  const reports = await readReports(inputs.reports, {
    strict: inputs.strict,
    root: inputs.workspace,
    threads: inputs.threads,
  });
  timer.lap('inputs and reports read');
  const licenses = inputs.licenses && (await checkLicenses(inputs.licenses, inputs.strict));
  if (licenses) timer.lap('licenses checked');
  const read = {
    files: [...reports.files, ...(licenses?.files ?? [])],
    entries: [...reports.entries, ...(licenses?.entries ?? [])],
  };
  const warnings = [
    ...ignoreFile.warnings,
    ...inputWarnings(inputs, reports.failures),
    ...(licenses?.failures ?? []).map((problem) => `licenses: not checked (strict: false): ${problem}`),
  ];
  warnings.forEach((message) => deps.warning(message));
  const { suppressions } = ignoreFile;
  const analysis = analyse(read.files, { policy: inputs.policy, suppressions, baseline, today: new Date(deps.now()) });
  timer.lap('analysed');
  return { analysis, files: read.entries, warnings };
}

/** What the run went on without: patterns that matched nothing, a missing baseline, unreadable reports. */
function inputWarnings(inputs: Inputs, unreadable: readonly string[]): string[] {
  return [
    ...inputs.unmatchedReports.map((pattern) => `reports: no file matches '${pattern}' (allow-missing: true)`),
    ...(inputs.licenses?.unmatched ?? []).map(
      (pattern) => `licenses: no file matches '${pattern}' (allow-missing: true)`,
    ),
    ...(inputs.missingBaseline
      ? [`baseline: no file at '${inputs.missingBaseline}' (allow-missing: true); every open finding is new`]
      : []),
    ...unreadable.map((problem) => `reports: not read (strict: false): ${problem}`),
  ];
}

/** Prints the findings' annotations; returns the summary's note about those left out. */
function annotate(deps: RunDeps, analysis: Analysis, warningsGiven: number, withBaseline: boolean): string {
  // GitHub shows 10 annotations of each level per step, the step's own included: room is kept for the warnings
  // already given and for the error that ends a failed step, so those are never the ones hidden.
  const room = { error: analysis.result.passed ? 10 : 9, warning: Math.max(0, 10 - warningsGiven), notice: 10 };
  const budget = new AnnotationBudget(room, deps.printAnnotation);
  annotateFindings(analysis.findings, new Set(analysis.result.failing), budget, withBaseline);
  return budget.omittedNote();
}

/** Writes an output file; a file that cannot be written is a ConfigurationError naming the input. */
async function writeOutput(input: string, target: InputFile, chunks: Iterable<string>): Promise<void> {
  try {
    mkdirSync(path.dirname(target.file), { recursive: true });
    await writeChunks(target.file, chunks);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    throw new ConfigurationError(`${input}: cannot write '${target.displayPath}' (${code}); choose a writable path`);
  }
}

function setOutputs(deps: RunDeps, analysis: Analysis, sarifFile: string, reportFile: string): void {
  const { counts, result } = analysis;
  const names = [
    'total',
    'critical',
    'high',
    'medium',
    'low',
    'info',
    'new',
    'existing',
    'fixed',
    'suppressed',
  ] as const;
  for (const name of names) {
    deps.setOutput(name, String(counts[name]));
  }
  deps.setOutput('passed', String(result.passed));
  deps.setOutput('sarif-file', sarifFile);
  deps.setOutput('report-file', reportFile);
}

/**
 * The verdict in the log, and the open findings as untrusted text (their titles come from the reports), those that
 * fail the policy first, each with what the policy made of it.
 */
function logResult(deps: RunDeps, analysis: Analysis, inputs: Inputs): void {
  const { counts, result } = analysis;
  const bySeverity = (['critical', 'high', 'medium', 'low', 'info'] as const)
    .map((severity) => `${groupDigits(counts[severity])} ${severity}`)
    .join(', ');
  deps.info(
    `security-scan: ${filesRead(inputs)}, ${countOf(counts.total, 'open finding')} (${bySeverity}), ` +
      `${groupDigits(counts.suppressed)} suppressed; ${result.summary}`,
  );
  const { shown, open } = topOpen(analysis, 50);
  if (open === 0) return;
  const failing = new Set(result.failing);
  const withBaseline = inputs.baseline !== undefined;
  const lines = shown.map((f) => {
    const status = withBaseline ? ` ${f.status.padEnd(8)}` : '';
    const mark = policyMark(f, failing, inputs.policy).padEnd(15);
    return `  ${mark} ${f.severity.padEnd(8)}${status} ${f.ruleId} ${placeText(f.location)} ${f.title}`;
  });
  if (open > lines.length) lines.push(`  … and ${groupDigits(open - lines.length)} more in the JSON report`);
  deps.printUntrusted(lines.join('\n'));
}

/** "3 reports", or with licenses "1 report, 2 license inventories" (the unreadable ones included). */
function filesRead(inputs: Inputs): string {
  const reports = countOf(inputs.reports.length, 'report');
  if (!inputs.licenses) return reports;
  return `${reports}, ${countOf(inputs.licenses.inventories.length, 'license inventory', 'license inventories')}`;
}

/** Wall time per phase, for the step's debug log: where a slow run's time went. */
class PhaseTimer {
  private readonly laps: string[] = [];

  constructor(
    private readonly now: () => number,
    private last: number,
  ) {}

  lap(phase: string): void {
    const now = this.now();
    this.laps.push(`${phase} ${now - this.last}`);
    this.last = now;
  }

  report(): string {
    return this.laps.join(', ');
  }
}
