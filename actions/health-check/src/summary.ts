// The job summary of a run: the decision and why first, then per URL a latency chart and its failures, each metric's
// values against its condition, and what the rollback did. Text from outside goes through SummaryBuilder's escaping;
// the charts hold only numbers.
import { humanDuration, SummaryBuilder } from '@actions-kit/core';
import type { ProbeEntry, QueryEntry, TimelineEntry } from '@actions-kit/probes';
import { plural, type HealthReport } from './health-report.js';
import { xychart } from './xychart.js';

/** Rows of a failures table beyond this are counted, not listed. */
const MAX_ROWS = 20;

const HEADLINES: Record<HealthReport['verdict'], (report: HealthReport) => string> = {
  healthy: () => '✅ Health check: healthy',
  unhealthy: (report) => `❌ Health check: unhealthy (${report.reason})`,
  'broken-metric': () => '❌ Health check: a metric cannot be judged',
  cancelled: () => '❌ Health check: cancelled',
};

export function healthSummary(report: HealthReport): SummaryBuilder {
  const summary = new SummaryBuilder().heading(HEADLINES[report.verdict](report));
  summary.paragraph(`${capitalise(report.detail)}.`);
  if (report.lastFailure !== undefined && report.reason === 'deadline') {
    summary.paragraph(`Still failing at the deadline: ${report.lastFailure.reason}: ${report.lastFailure.detail}.`);
  }
  addRollback(summary, report);
  summary.table(
    ['', ''],
    [
      ['Mode', report.mode],
      ['Rounds', String(report.attempts)],
      ['Duration', humanDuration(report.durationMs)],
      ['Latency p50 / p95', latencyText(report)],
    ],
  );
  const probes = report.timeline.filter((entry): entry is ProbeEntry => entry.kind === 'probe');
  for (const url of report.urls)
    addUrl(
      summary,
      url,
      probes.filter((entry) => entry.url === url),
    );
  const queries = report.timeline.filter((entry): entry is QueryEntry => entry.kind === 'query');
  for (const metric of report.metrics) {
    addMetric(
      summary,
      metric,
      queries.filter((entry) => entry.metric === metric.name),
    );
  }
  return summary;
}

function addRollback(summary: SummaryBuilder, report: HealthReport): void {
  const { rollback } = report;
  if (rollback === undefined) return;
  summary
    .heading(rollback.succeeded ? 'Rollback: done' : 'Rollback: failed', 3)
    .paragraph(`${rollback.kind === 'command' ? 'Command' : 'Blue-green'}: ${rollback.what}.`);
  if (rollback.output) summary.details('Output', rollback.output);
}

function latencyText(report: HealthReport): string {
  const { latency } = report;
  if (latency === undefined) return 'no successful probe';
  const of = plural(latency.count, 'successful probe');
  return `${humanDuration(latency.p50Ms)} / ${humanDuration(latency.p95Ms)} (of ${of})`;
}

function addUrl(summary: SummaryBuilder, url: string, probes: readonly ProbeEntry[]): void {
  const failures = probes.filter((entry) => entry.reason !== 'ok');
  summary.heading(url, 3);
  summary.paragraph(
    failures.length === 0
      ? `${plural(probes.length, 'probe')}, all healthy.`
      : `${plural(probes.length, 'probe')}, ${failures.length} failed.`,
  );
  if (probes.length > 0) {
    summary.raw(
      xychart({
        title: 'Latency of each probe (ms)',
        yLabel: 'ms',
        atMs: probes.map((entry) => entry.atMs),
        lines: [{ values: probes.map((entry) => entry.latencyMs ?? 0) }],
      }),
    );
  }
  addRuns(summary, runsOf(probes), ['Rounds', 'From', 'Reason', 'Detail']);
}

function addMetric(
  summary: SummaryBuilder,
  metric: HealthReport['metrics'][number],
  queries: readonly QueryEntry[],
): void {
  summary.heading(`Metric ${metric.name}: ${metric.condition}`, 3);
  const plotted = queries.filter((entry) => typeof entry.values[0] === 'number');
  const threshold = Number(/-?\d+(?:\.\d+)?/.exec(metric.condition)?.[0]);
  if (plotted.length > 0) {
    summary.raw(
      xychart({
        title: `${plotted.length === queries.length ? 'Value' : 'Value, where there was one'} and the threshold`,
        yLabel: 'value',
        atMs: plotted.map((entry) => entry.atMs),
        lines: [
          { values: plotted.map((entry) => entry.values[0] as number) },
          { values: plotted.map(() => threshold) },
        ],
      }),
    );
  }
  const passed = queries.filter((entry) => entry.verdict === 'pass').length;
  summary.paragraph(`${plural(queries.length, 'query', 'queries')}: ${passed} passed. Query: ${metric.query}`);
  addRuns(
    summary,
    runsOf(queries, (entry) => `${entry.verdict}: ${entry.reason}`),
    ['Rounds', 'From', 'Verdict', 'Detail'],
    true,
  );
}

/** Consecutive entries with the same outcome, as one row: where a flapping service flips is what matters. */
interface Run {
  firstRound: number;
  lastRound: number;
  atMs: number;
  label: string;
  detail: string;
}

function runsOf<T extends TimelineEntry>(entries: readonly T[], label: (entry: T) => string = (e) => e.reason): Run[] {
  const runs: Run[] = [];
  for (const entry of entries) {
    const last = runs.at(-1);
    if (last !== undefined && last.label === label(entry) && last.lastRound === entry.round - 1) {
      last.lastRound = entry.round;
      continue;
    }
    runs.push({
      firstRound: entry.round,
      lastRound: entry.round,
      atMs: entry.atMs,
      label: label(entry),
      detail: entry.detail,
    });
  }
  return runs;
}

/** The failing runs (or, with `all`, every run) as a table; `ok` runs of probes are the chart's business. */
function addRuns(summary: SummaryBuilder, runs: readonly Run[], header: string[], all = false): void {
  const shown = all ? runs : runs.filter((run) => run.label !== 'ok');
  if (shown.length === 0) return;
  const rows = shown
    .slice(0, MAX_ROWS)
    .map((run) => [
      run.firstRound === run.lastRound ? String(run.firstRound) : `${run.firstRound}–${run.lastRound}`,
      `+${humanDuration(run.atMs)}`,
      run.label,
      run.detail,
    ]);
  summary.table(header, rows);
  if (shown.length > MAX_ROWS)
    summary.paragraph(`…and ${plural(shown.length - MAX_ROWS, 'more run')} (see report-file).`);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
