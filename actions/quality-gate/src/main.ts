// The quality-gate step: inputs → reports, diff and baseline → the gate → result file, outputs, annotations, summary,
// and a failed step when a condition failed.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  AnnotationBudget,
  ConfigurationError,
  UserError,
  info,
  printAnnotation,
  quoteValue,
  setOutput,
  warning,
  type AnnotationPrinter,
  type SummaryBuilder,
} from '@actions-kit/core';
import {
  readCoverageReports,
  readLintReports,
  readTestReports,
  type QualityData,
  type ReadOptions,
} from '@actions-kit/quality';
import { InputError } from '@actions-kit/reports';
import { actionsCacheStore } from './actions-cache-store.js';
import {
  planBaselineCache,
  restoreBaseline,
  saveBaseline,
  type BaselineStore,
  type RunEvent,
} from './baseline-cache.js';
import { annotate } from './annotations.js';
import { formatValue } from './format.js';
import { buildResultFile, evaluateGate, type GateOutcome } from './gate.js';
import { gitDiffSince } from './git-diff.js';
import { getInputs, type Inputs } from './inputs.js';
import { findMetric, type BaselineState, type ReportKind } from './metrics.js';
import { BaselineFormatError, readBaselineMetrics, serializeResult } from './result-file.js';
import { buildSummary, code } from './summary.js';
import { parseUnifiedDiff, relativeTo, type ParsedDiff } from './unified-diff.js';

/** The readers of each kind of report, as @actions-kit/quality exports them. */
export interface ReportReaders {
  coverage: (files: readonly string[], options: ReadOptions) => Promise<NonNullable<QualityData['coverage']>>;
  tests: (files: readonly string[], options: ReadOptions) => Promise<NonNullable<QualityData['tests']>>;
  lint: (files: readonly string[], options: ReadOptions) => Promise<NonNullable<QualityData['lint']>>;
}

/** What run() does to the runner and reads from it: the runner itself in main(), plain objects in tests. */
export interface RunDeps {
  readers: ReportReaders;
  /** The unified diff between the merge base of `ref` and HEAD, and HEAD, paths relative to `cwd`. */
  gitDiff(ref: string, cwd: string): Promise<string>;
  /** The store of `baseline: cache`, made only when that is the input. */
  baselineStore(): BaselineStore;
  /** The run's event and commit, for the cache's keys and which branch's baseline to take. */
  event: RunEvent;
  setOutput(name: string, value: string): void;
  printAnnotation: AnnotationPrinter;
  writeSummary(summary: SummaryBuilder): Promise<void>;
  info(message: string): void;
  warning(message: string): void;
  now(): Date;
}

export async function main(): Promise<void> {
  const inputs = await getInputs();
  await run(inputs, {
    readers: { coverage: readCoverageReports, tests: readTestReports, lint: readLintReports },
    gitDiff: gitDiffSince,
    baselineStore: () => actionsCacheStore(process.env['RUNNER_TEMP'] || inputs.workspace),
    event: runEventFromEnv(process.env),
    setOutput,
    printAnnotation,
    writeSummary: (summary) => summary.write(),
    info,
    warning,
    now: () => new Date(),
  });
}

export async function run(inputs: Inputs, runner: RunDeps): Promise<void> {
  // The step's own warnings count towards GitHub's 10 per step too: the annotations leave room for them.
  let warningsGiven = 0;
  const deps: RunDeps = {
    ...runner,
    warning: (message) => {
      warningsGiven++;
      runner.warning(message);
    },
  };
  if (inputs.conditions.length === 0) {
    // Coverage has no default condition: a gate given only coverage would pass on anything, so it says so.
    deps.warning(
      'conditions: none, so the gate judges nothing and passes (only tests and lint have default conditions); ' +
        'set conditions, e.g. coverage.lines >= 80',
    );
  }
  const { data, missing } = await readReports(inputs, deps);
  const diff = await readDiff(inputs, deps);
  const { baseline, note: baselineNote } = await readBaseline(inputs, deps);
  const outcome = evaluateGate({
    data,
    missing,
    ...(diff && { diff: diff.parsed }),
    baseline,
    conditions: inputs.conditions,
    minNewLines: inputs.minNewLines,
  });

  const result = serializeResult(
    buildResultFile(outcome, { now: deps.now(), commit: deps.event.sha, ref: deps.event.ref }),
  );
  writeResult(inputs, result);
  setOutputs(deps, outcome, inputs.resultOutput.file);
  logVerdict(deps, outcome);
  const cacheNote = inputs.baseline.kind === 'cache' ? await saveToCache(deps, result) : undefined;

  let annotationsOmitted = '';
  if (inputs.annotations) {
    // Room is kept for the step's own error when the gate fails and for its warnings, so those are never hidden.
    const room = { error: outcome.passed ? 10 : 9, warning: Math.max(0, 10 - warningsGiven) };
    const budget = new AnnotationBudget(room, deps.printAnnotation);
    annotate(outcome.facts, budget, inputs.projectPrefix);
    annotationsOmitted = budget.omittedNote();
  }
  if (inputs.summary) {
    await deps.writeSummary(
      buildSummary({
        outcome,
        ...(diff && { diffSource: diff.source }),
        truncatedHunks: diff?.parsed.truncatedHunks ?? 0,
        ...(baselineNote && { baselineNote }),
        unmatched: Object.fromEntries(
          Object.entries(inputs.reports).map(([kind, files]) => [kind, files?.unmatched ?? []]),
        ),
        resultFile: inputs.resultOutput.displayPath,
        annotationsOmitted,
        ...(cacheNote && { cacheNote }),
      }),
    );
  }
  if (!outcome.passed) throw new UserError(failureMessage(outcome));
}

async function readReports(
  inputs: Inputs,
  deps: RunDeps,
): Promise<{ data: QualityData; missing: Partial<Record<ReportKind, string>> }> {
  const options: ReadOptions = { root: inputs.directory, stripPrefixes: inputs.stripPrefixes };
  const data: QualityData = {};
  const missing: Partial<Record<ReportKind, string>> = {};
  for (const kind of ['coverage', 'tests', 'lint'] as const) {
    const given = inputs.reports[kind];
    if (!given) continue;
    if (inputs.ifMissing === 'warn') {
      for (const pattern of given.unmatched) {
        deps.warning(`${kind}: no file matches ${quoteValue(pattern)} (if-missing: warn)`);
      }
    }
    if (given.files.length === 0) {
      missing[kind] = `no ${kind} report found (if-missing: ${inputs.ifMissing})`;
      continue;
    }
    try {
      (data as Record<ReportKind, unknown>)[kind] = await deps.readers[kind](given.files, options);
    } catch (error) {
      // The reader's message names the file, what is wrong and the fix; the input's name says which list it is in.
      if (error instanceof InputError) throw new ConfigurationError(`${kind}: ${error.message}`);
      throw error;
    }
  }
  return { data, missing };
}

async function readDiff(inputs: Inputs, deps: RunDeps): Promise<{ parsed: ParsedDiff; source: string } | undefined> {
  const source = inputs.diff;
  if (!source) return undefined;
  if (source.kind === 'base') {
    const text = await deps.gitDiff(source.ref, inputs.directory);
    return { parsed: parseUnifiedDiff(text), source: `git diff from the merge base of ${code(source.ref)} and HEAD` };
  }
  let text: string;
  try {
    text = readFileSync(source.file, 'utf8');
  } catch (error) {
    throw new ConfigurationError(
      `diff-file: cannot read ${quoteValue(source.displayPath)} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  // A diff file's paths are from the repository root; the gate's are from working-directory.
  return {
    parsed: relativeTo(parseUnifiedDiff(text), inputs.projectPrefix),
    source: `diff-file ${code(source.displayPath)}`,
  };
}

async function readBaseline(inputs: Inputs, deps: RunDeps): Promise<{ baseline: BaselineState; note?: string }> {
  const source = inputs.baseline;
  if (source.kind === 'none') return { baseline: { kind: 'none' } };
  if (source.kind === 'file') {
    try {
      const metrics = readBaselineMetrics(readFileSync(source.file, 'utf8'));
      return { baseline: { kind: 'loaded', metrics, from: source.displayPath }, note: code(source.displayPath) };
    } catch (error) {
      if (!(error instanceof BaselineFormatError)) throw error;
      throw new ConfigurationError(`baseline: ${quoteValue(source.displayPath)} is ${error.message}`);
    }
  }
  const plan = planBaselineCache(deps.event);
  const baseline = await restoreBaseline(plan, deps.baselineStore());
  if (baseline.kind === 'absent') {
    deps.warning(`baseline: ${baseline.reason}; the *.delta conditions are not evaluable in this run`);
    return { baseline, note: baseline.reason };
  }
  return {
    baseline,
    note: baseline.kind === 'loaded' ? `the latest result from ${plan.restoreFrom} (${baseline.from})` : undefined,
  };
}

async function saveToCache(deps: RunDeps, result: string): Promise<string> {
  const plan = planBaselineCache(deps.event);
  const saved = await saveBaseline(plan, deps.baselineStore(), deps.event, result);
  if (plan.saveAs && !saved.saved) deps.warning(saved.message);
  else deps.info(`quality-gate: ${saved.message}`);
  return saved.message;
}

function writeResult(inputs: Inputs, text: string): void {
  try {
    mkdirSync(path.dirname(inputs.resultOutput.file), { recursive: true });
    writeFileSync(inputs.resultOutput.file, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    throw new ConfigurationError(
      `result-output: cannot write ${quoteValue(inputs.resultOutput.displayPath)} (${code}); choose a writable path`,
    );
  }
}

function setOutputs(deps: RunDeps, outcome: GateOutcome, resultFile: string): void {
  const { facts, results } = outcome;
  const measured = (name: string): string => {
    const measurement = findMetric(name)?.measure(facts);
    return measurement && 'value' in measurement ? String(measurement.value) : '';
  };
  deps.setOutput('passed', String(outcome.passed));
  deps.setOutput(
    'failed-conditions',
    JSON.stringify(
      results
        .filter((result) => result.status === 'failed')
        .map((result) => ({
          condition: result.condition.text,
          metric: result.condition.metric.name,
          ...(result.value !== undefined && { value: result.value }),
          reason: result.reason,
        })),
    ),
  );
  for (const kind of ['lines', 'branches', 'functions'])
    deps.setOutput(`coverage-${kind}`, measured(`coverage.${kind}`));
  deps.setOutput('diff-coverage', measured('new.coverage.lines'));
  for (const count of ['total', 'passed', 'failed', 'errored', 'skipped', 'flaky']) {
    deps.setOutput(`tests-${count}`, measured(`tests.${count}`));
  }
  deps.setOutput('lint-errors', measured('lint.errors'));
  deps.setOutput('lint-warnings', measured('lint.warnings'));
  deps.setOutput('result-file', resultFile);
}

function logVerdict(deps: RunDeps, outcome: GateOutcome): void {
  deps.info(`quality-gate: ${outcome.passed ? 'passed' : 'failed'}`);
  for (const result of outcome.results) {
    const value = result.value === undefined ? '' : ` = ${formatValue(result.value, result.condition.metric.unit)}`;
    deps.info(
      `  ${result.status.padEnd(13)} ${result.condition.text}${value}${result.reason ? ` (${result.reason})` : ''}`,
    );
  }
}

function failureMessage(outcome: GateOutcome): string {
  const failed = outcome.results.filter((result) => result.status === 'failed');
  return `quality gate failed: ${failed.map((result) => `${result.condition.text} (${result.reason})`).join('; ')}`;
}

/** The run's event from the runner's environment and payload (the default branch is only in the payload). */
export function runEventFromEnv(env: NodeJS.ProcessEnv): RunEvent {
  let defaultBranch: string | undefined;
  const payloadFile = env['GITHUB_EVENT_PATH'];
  if (payloadFile) {
    try {
      const payload = JSON.parse(readFileSync(payloadFile, 'utf8')) as { repository?: { default_branch?: unknown } };
      const branch = payload.repository?.default_branch;
      if (typeof branch === 'string' && branch !== '') defaultBranch = branch;
    } catch {
      // No payload to read (a local run): the default branch stays unknown, and the cache plan says so.
    }
  }
  return {
    name: env['GITHUB_EVENT_NAME'] ?? '',
    ref: env['GITHUB_REF'] ?? '',
    ...(env['GITHUB_BASE_REF'] && { baseRef: env['GITHUB_BASE_REF'] }),
    ...(defaultBranch && { defaultBranch }),
    sha: env['GITHUB_SHA'] ?? '',
    runId: env['GITHUB_RUN_ID'] ?? '',
    runAttempt: env['GITHUB_RUN_ATTEMPT'] ?? '1',
  };
}
