// The run as data: the decision and why, the figures the outputs give, the timeline of every probe and query, and
// what the rollback did. The outputs, the JSON report file, the summary and the step's error are all read from it.
import { formatDuration, humanDuration } from '@actions-kit/core';
import {
  latencyStatistics,
  roundTimeline,
  successfulLatencies,
  type HealthMode,
  type HealthReason,
  type LatencyStatistics,
  type TimelineEntry,
} from '@actions-kit/probes';
import type { LoopResult } from './health-loop.js';
import type { Inputs } from './inputs.js';
import type { RollbackReport } from './rollback.js';

export type Verdict = 'healthy' | 'unhealthy' | 'broken-metric' | 'cancelled';

export interface HealthReport {
  verdict: Verdict;
  /** The `reason` output; '' when the job was cancelled before a decision. */
  reason: HealthReason | '';
  /** Why, in one line: the decision's detail, or what the cancellation stopped. */
  detail: string;
  /** Beside a deadline: what was still failing when time ran out. */
  lastFailure?: { reason: HealthReason; detail: string };
  mode: HealthMode;
  attempts: number;
  durationMs: number;
  latency?: LatencyStatistics;
  urls: string[];
  metrics: Array<{ name: string; query: string; condition: string }>;
  timeline: TimelineEntry[];
  /** Absent when no rollback ran. */
  rollback?: RollbackReport;
}

export function buildReport(inputs: Inputs, loop: LoopResult): HealthReport {
  const timeline = loop.rounds.flatMap((round, index) => roundTimeline(round, index + 1, loop.startedAt));
  const latency = latencyStatistics(successfulLatencies(timeline));
  const { decision } = loop.state;
  const base = {
    mode: inputs.decision.mode,
    attempts: loop.rounds.length,
    durationMs: Math.round(loop.endedAt - loop.startedAt),
    ...(latency !== undefined && { latency }),
    urls: inputs.urls,
    metrics: inputs.metrics.map((metric) => ({
      name: metric.name,
      query: metric.query,
      condition: metric.condition.text,
    })),
    timeline,
  };
  if (loop.cancelledBy !== undefined || decision.state === 'pending') {
    const rounds = plural(loop.rounds.length, 'round');
    const detail = `cancelled (${loop.cancelledBy ?? 'stopped'}) after ${rounds} in ${humanDuration(base.durationMs)}`;
    return { verdict: 'cancelled', reason: '', detail, ...base };
  }
  if (decision.state === 'healthy') return { verdict: 'healthy', reason: 'ok', detail: decision.detail, ...base };
  if (decision.state === 'error') {
    return { verdict: 'broken-metric', reason: decision.reason, detail: decision.detail, ...base };
  }
  const lastFailure = decision.lastFailure;
  return {
    verdict: 'unhealthy',
    reason: decision.reason,
    detail: decision.detail,
    ...(lastFailure !== undefined && { lastFailure }),
    ...base,
  };
}

/** Sets every output from the report. */
export function reportOutputs(report: HealthReport, reportFile: string): Record<string, string> {
  return {
    healthy: String(report.verdict === 'healthy'),
    'rolled-back': String(report.rollback?.succeeded === true),
    attempts: String(report.attempts),
    duration: formatDuration(report.durationMs),
    'p50-ms': report.latency === undefined ? '' : String(Math.round(report.latency.p50Ms)),
    'p95-ms': report.latency === undefined ? '' : String(Math.round(report.latency.p95Ms)),
    reason: report.reason,
    'report-file': reportFile,
  };
}

/** The step's one error line, both reasons when the rollback failed too; undefined when healthy. */
export function failureMessage(report: HealthReport): string | undefined {
  if (report.verdict === 'healthy') return undefined;
  const why =
    report.verdict === 'cancelled'
      ? report.detail
      : report.verdict === 'broken-metric'
        ? `a metric cannot be judged, which says nothing about the service (no rollback): ${report.detail}`
        : `unhealthy (${report.reason}): ${report.detail}`;
  const { rollback } = report;
  if (rollback === undefined) return why;
  return rollback.succeeded
    ? `${why}; rolled back: ${rollback.what}`
    : `${why}; the rollback failed too: ${rollback.what}`;
}

/** `1 round`, `3 rounds`. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
