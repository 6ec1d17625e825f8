// The job summary of a run: what was switched, from which color to which, the changes, the proof (answers seen per
// color) and the timings; or, when the switch failed, why. Text from the proxy is escaped by SummaryBuilder.
import { SummaryBuilder, formatDuration } from '@actions-kit/core';
import {
  describeHolder,
  summariseVerification,
  type SwitchOutcome,
  type SwitchReport,
  type Verification,
} from '@actions-kit/traffic';

const HEADLINES: Record<SwitchOutcome, (report: SwitchReport) => string> = {
  switched: (r) => `switched ${r.previous} → ${r.active}`,
  'already-live': (r) => `${r.target} was already live, nothing changed`,
  'dry-run': (r) =>
    r.plan.length > 0 ? `dry run, would switch ${r.previous} → ${r.target}` : `dry run, ${r.target} is already live`,
  'rolled-back': (r) => `switch to ${r.target} rolled back, ${r.active} is live`,
};

/** What happened, in a few words: "blue → green", "dry run, would switch blue → green". */
export function headline(report: SwitchReport): string {
  return HEADLINES[report.outcome](report);
}

export function switchSummary(report: SwitchReport): SummaryBuilder {
  const summary = new SummaryBuilder().heading(`Blue-green switch: ${headline(report)}`);
  if (report.outcome === 'dry-run') {
    summary.paragraph('Dry run: nothing was changed and no lock was taken. The plan below is what a run would do.');
  }
  if (report.problem) summary.paragraph(`${report.problem}. Traffic was switched back.`);
  if (report.recoveredLockFrom) {
    summary.paragraph(
      `Recovered the lock of an interrupted run (${describeHolder(report.recoveredLockFrom)}); its changes were ` +
        'applied again.',
    );
  }
  summary.table(
    ['', ''],
    [
      ['Provider', report.provider],
      ['Previous', `${report.previous} (${report.previousState.evidence})`],
      ['Active', report.active],
      ['Changed', String(report.changed)],
      ['Outcome', report.outcome],
    ],
  );
  if (report.plan.length > 0) {
    summary.heading(report.outcome === 'dry-run' ? 'Would do' : 'Changes, in order', 3).list(report.plan);
  }
  if (report.verification) addVerification(summary, 'Verification', report.verification);
  else if (report.outcome === 'switched') {
    summary.paragraph(`Not verified: no verify-url, so only the proxy itself says ${report.active} is live.`);
  }
  if (report.rollbackVerification) addVerification(summary, 'After switching back', report.rollbackVerification);
  const { timings } = report;
  summary.heading('Timings', 3).table(
    ['Step', 'Time'],
    [
      ['waiting for the lock', timings.lockWaitMs],
      ['reading the live color', timings.readMs],
      ['switching', timings.switchMs],
      ['verifying', timings.verifyMs],
      ['switching back', timings.rollbackMs],
      ['total', timings.totalMs],
    ].map(([step, ms]) => [String(step), formatDuration(Number(ms))]),
  );
  return summary;
}

function addVerification(summary: SummaryBuilder, title: string, verification: Verification): void {
  const { seen } = verification;
  summary
    .heading(`${title}: ${verification.passed ? 'passed' : 'failed'}`, 3)
    .paragraph(summariseVerification(verification))
    .table(
      ['Answered by', 'Responses'],
      [
        ['blue', String(seen.blue)],
        ['green', String(seen.green)],
        ['no color or another value', String(seen.other)],
        ['failed (5xx, no response)', String(seen.failed)],
      ],
    );
}

/** When the switch threw or was cancelled: what happened, and the proxy's or command's output. */
export function failureSummary(heading: string, what: string, untrustedOutput: string | undefined): SummaryBuilder {
  const summary = new SummaryBuilder().heading(heading).paragraph(what);
  if (untrustedOutput) summary.details('Output', untrustedOutput);
  return summary;
}
