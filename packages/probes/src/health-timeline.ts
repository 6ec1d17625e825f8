// The JSON report's timeline: one entry for every probe and every query, in the order of the rounds.
import type { RoundResult } from './health-decision.js';
import type { HealthReason } from './health-reasons.js';
import type { MetricVerdict } from './metric-conditions.js';

export type TimelineEntry = ProbeEntry | QueryEntry;

interface EntryBase {
  /** 1-based round number. */
  round: number;
  /** Milliseconds from the start of the run to the start of the round. */
  atMs: number;
  reason: HealthReason;
  detail: string;
}

export interface ProbeEntry extends EntryBase {
  kind: 'probe';
  url: string;
  status?: number;
  latencyMs?: number;
}

export interface QueryEntry extends EntryBase {
  kind: 'query';
  metric: string;
  verdict: MetricVerdict;
  /** The sample values; NaN and infinities as Prometheus writes them ("NaN", "+Inf", "-Inf"), which JSON cannot hold. */
  values: (number | string)[];
  series: number;
}

/** The entries of one round: its probes in URL order, then its queries in metric order. */
export function roundTimeline(round: RoundResult, roundNumber: number, runStartedAt: number): TimelineEntry[] {
  const atMs = Math.round(round.startedAt - runStartedAt);
  const probes = round.urls.map((outcome): ProbeEntry => ({
    kind: 'probe',
    round: roundNumber,
    atMs,
    url: outcome.url,
    reason: outcome.reason,
    ...(outcome.status !== undefined && { status: outcome.status }),
    ...(outcome.latencyMs !== undefined && { latencyMs: Math.round(outcome.latencyMs) }),
    detail: outcome.detail,
  }));
  const queries = round.metrics.map((outcome): QueryEntry => ({
    kind: 'query',
    round: roundNumber,
    atMs,
    metric: outcome.name,
    verdict: outcome.verdict,
    reason: outcome.reason,
    values: outcome.values.map(jsonNumber),
    series: outcome.series,
    detail: outcome.detail,
  }));
  return [...probes, ...queries];
}

/** The latencies of the probes that succeeded, which p50-ms and p95-ms are taken from. */
export function successfulLatencies(timeline: readonly TimelineEntry[]): number[] {
  return timeline.flatMap((entry) =>
    entry.kind === 'probe' && entry.reason === 'ok' && entry.latencyMs !== undefined ? [entry.latencyMs] : [],
  );
}

function jsonNumber(value: number): number | string {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? '+Inf' : '-Inf';
}
