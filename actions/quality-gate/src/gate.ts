// The gate itself: reports, diff and baseline in, facts, judged conditions and a verdict out. Plain data, no runner.
import type { QualityData } from '@actions-kit/quality';
import { judge, type Condition, type ConditionResult } from './conditions.js';
import { diffCoverage, overallCoverage } from './coverage-totals.js';
import {
  METRICS,
  baselineValues,
  countLint,
  countTests,
  lintOnChangedLines,
  type BaselineState,
  type DiffFacts,
  type GateFacts,
  type ReportKind,
} from './metrics.js';
import { RESULT_SCHEMA, RESULT_VERSION, resultConditions, type GateResultFile } from './result-file.js';
import { changedLines, type ParsedDiff } from './unified-diff.js';

export interface GateInput {
  data: QualityData;
  /** Kinds whose reports were allowed to be missing (if-missing: warn or ignore), with why. */
  missing?: Partial<Record<ReportKind, string>>;
  /** The change, paths relative to the project; undefined without diff-base or diff-file. */
  diff?: ParsedDiff;
  baseline: BaselineState;
  conditions: readonly Condition[];
  minNewLines: number;
}

export interface GateOutcome {
  facts: GateFacts;
  results: ConditionResult[];
  /** True when no condition failed. Not-evaluable and not-enforced conditions do not fail the gate. */
  passed: boolean;
}

export function evaluateGate(input: GateInput): GateOutcome {
  const facts = gatherFacts(input);
  const results = judge(input.conditions, facts, { minNewLines: input.minNewLines });
  return { facts, results, passed: results.every((result) => result.status !== 'failed') };
}

export function gatherFacts(input: GateInput): GateFacts {
  const { data } = input;
  return {
    data,
    missing: input.missing ?? {},
    ...(data.coverage && { coverage: overallCoverage(data.coverage) }),
    ...(data.tests && { tests: countTests(data.tests.cases) }),
    ...(data.lint && { lint: countLint(data.lint.messages) }),
    ...(input.diff && { diff: diffFacts(data, input.diff) }),
    baseline: input.baseline,
  };
}

function diffFacts(data: QualityData, diff: ParsedDiff): DiffFacts {
  const changed = changedLines(diff);
  const addedFiles = new Set(diff.files.filter((file) => file.change === 'added').map((file) => file.path));
  const coverage = diffCoverage(data.coverage, changed);
  const newLint = data.lint ? lintOnChangedLines(data.lint.messages, changed, addedFiles) : [];
  return {
    changed,
    addedFiles,
    coverage,
    newLint,
    newLintCounts: countLint(newLint),
    coverableLines: coverage.totals.lines?.total ?? 0,
  };
}

export interface RunContext {
  now: Date;
  commit?: string;
  ref?: string;
}

/** The result-output file's content. */
export function buildResultFile(outcome: GateOutcome, context: RunContext): GateResultFile {
  const { facts } = outcome;
  const newMetrics: Record<string, number> = {};
  if (facts.diff) {
    for (const metric of METRICS.filter((candidate) => candidate.onNewCode)) {
      const measured = metric.measure(facts);
      if ('value' in measured) newMetrics[metric.name] = measured.value;
    }
  }
  return {
    schema: RESULT_SCHEMA,
    version: RESULT_VERSION,
    generatedAt: context.now.toISOString(),
    ...(context.commit && { commit: context.commit }),
    ...(context.ref && { ref: context.ref }),
    passed: outcome.passed,
    metrics: baselineValues(facts),
    ...(facts.diff && {
      newCode: {
        changedFiles: facts.diff.changed.size,
        coverableLines: facts.diff.coverableLines,
        metrics: newMetrics,
      },
    }),
    conditions: resultConditions(outcome.results),
  };
}
