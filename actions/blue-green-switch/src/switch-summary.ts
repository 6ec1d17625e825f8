// The job summary of a run, verdict first: a mark and what happened in the heading, why in the next line, then the
// proxy before and after, every change made in order with its outcome (the switch back too), the proof (answers
// seen per color) and the time each stage took. A dry run shows the changes a run would make instead. Text from the
// proxy is escaped by SummaryBuilder.
import { groupDigits, humanDuration, SummaryBuilder } from '@actions-kit/core';
import {
  describeHolder,
  summariseVerification,
  type Change,
  type SwitchOutcome,
  type SwitchReport,
  type Verification,
} from '@actions-kit/traffic';

const HEADLINES: Record<SwitchOutcome, (report: SwitchReport) => string> = {
  switched: (r) => `switched ${r.previous} → ${r.active}${r.verification ? '' : ', not verified'}`,
  'already-live': (r) => `${r.target} was already live, nothing changed`,
  'dry-run': (r) =>
    r.plan.length > 0 ? `dry run, would switch ${r.previous} → ${r.target}` : `dry run, ${r.target} is already live`,
  'rolled-back': (r) => `switch to ${r.target} failed and was rolled back, ${r.active} is live`,
};

/** What happened, in a few words: "switched blue → green", "dry run, would switch blue → green". */
export function headline(report: SwitchReport): string {
  return HEADLINES[report.outcome](report);
}

/** The verdict at a glance: ✅ done and proven, ⚠️ done but not proven, ❌ failed, 🔍 a dry run. */
function mark(report: SwitchReport): string {
  switch (report.outcome) {
    case 'switched':
      return report.verification ? '✅' : '⚠️';
    case 'already-live':
      return '✅';
    case 'dry-run':
      return '🔍';
    case 'rolled-back':
      return '❌';
  }
}

/** True only when verify-url proved that the new color alone answers after the switch. */
export function isVerified(report: SwitchReport): boolean {
  return report.outcome === 'switched' && report.verification?.passed === true;
}

/** Why verification matters, for the warning and the summary of a switch without verify-url. */
export function notVerifiedNote(report: SwitchReport): string {
  return (
    `Not verified: verify-url is not set, so only the proxy itself says ${report.active} is live. To prove that ` +
    `only ${report.active} answers, set verify-url to the URL users hit and verify-header (or verify-body) to ` +
    'where the response names its color'
  );
}

export function switchSummary(report: SwitchReport): SummaryBuilder {
  const summary = new SummaryBuilder().heading(`${mark(report)} Blue-green switch: ${headline(report)}`);
  if (report.outcome === 'dry-run') return addDryRun(summary, report);

  summary.paragraph(why(report));
  if (report.recoveredLockFrom) {
    summary.paragraph(
      `Recovered the lock of an interrupted run (${describeHolder(report.recoveredLockFrom)}); its changes were ` +
        'applied again.',
    );
  }
  summary.table(
    ['Provider', 'Before', 'After', 'Changed', 'Outcome'],
    [
      [
        report.provider,
        `${report.previous} (${report.previousState.evidence})`,
        report.active,
        report.changed ? 'yes' : 'no',
        report.outcome,
      ],
    ],
  );
  const lines = changeLines(report);
  if (lines.length > 0) summary.heading('Changes, in order', 3).list(lines);
  if (report.verification) addVerification(summary, 'Verification', report.verification);
  if (report.rollbackVerification) addVerification(summary, 'After switching back', report.rollbackVerification);
  return addTimings(summary, report);
}

/** The line under the heading: what proves the verdict, or what went wrong. */
function why(report: SwitchReport): string {
  if (report.problem) return `${report.problem}. Traffic was switched back: ${report.active} is live.`;
  if (report.outcome === 'already-live') return `The proxy reads ${report.previousState.evidence}.`;
  if (!report.verification) return `${notVerifiedNote(report)}.`;
  return `Verified through verify-url: ${summariseVerification(report.verification)}.`;
}

/**
 * The changes the proxy took, each with its outcome, and between the switch and the switch back the check that
 * failed, so the list reads in the order things happened.
 */
function changeLines(report: SwitchReport): string[] {
  const made = (phase: Change['phase']): string[] =>
    report.changes.filter((change) => change.phase === phase).map(changeLine);
  const { verification, rollbackVerification } = report;
  const lines = made('switch');
  if (verification) lines.push(checkLine(verification, ''));
  if (report.problem && verification?.passed !== false) lines.push(`❌ read back from the proxy: ${report.problem}`);
  lines.push(...made('switch back'));
  if (rollbackVerification) lines.push(checkLine(rollbackVerification, ' again'));
  return lines;
}

function changeLine(change: Change): string {
  return `✅ done${change.phase === 'switch back' ? ', switching back' : ''}: ${change.step}`;
}

function checkLine(verification: Verification, again: string): string {
  const { color } = verification;
  const verdict = verification.passed ? `✅ ${color} proved live${again}` : `❌ ${color} did not prove live${again}`;
  return `${verdict}: ${summariseVerification(verification)}`;
}

function addDryRun(summary: SummaryBuilder, report: SwitchReport): SummaryBuilder {
  summary
    .paragraph(
      report.plan.length > 0
        ? `Nothing was changed and no lock was taken. A run would make ${report.target} live with these changes, ` +
            'in order:'
        : `Nothing was changed and no lock was taken. ${report.target} is already live: a run would change nothing.`,
    )
    .list(report.plan)
    .table(
      ['Provider', 'Live now', 'Target'],
      [[report.provider, `${report.previous} (${report.previousState.evidence})`, report.target]],
    );
  return summary;
}

function addVerification(summary: SummaryBuilder, title: string, verification: Verification): void {
  const { seen } = verification;
  // The line saying what the answers prove is in the list of changes above: here, only the counts.
  summary.heading(`${title}: ${verification.passed ? 'passed' : 'failed'}`, 3).table(
    ['Answered by', 'Responses'],
    [
      ['blue', groupDigits(seen.blue)],
      ['green', groupDigits(seen.green)],
      ['no color or another value', groupDigits(seen.other)],
      ['failed (5xx, no response)', groupDigits(seen.failed)],
    ],
  );
}

/** The stages the run went through, each with its time; a stage it did not reach is left out rather than 0 ms. */
function addTimings(summary: SummaryBuilder, report: SwitchReport): SummaryBuilder {
  const { timings } = report;
  const stages: [string, number, boolean][] = [
    ['waiting for the lock', timings.lockWaitMs, true],
    ['reading the live color', timings.readMs, true],
    ['switching', timings.switchMs, report.plan.length > 0 && report.outcome !== 'already-live'],
    ['verifying', timings.verifyMs, report.verification !== undefined],
    ['switching back', timings.rollbackMs, report.outcome === 'rolled-back'],
    ['total', timings.totalMs, true],
  ];
  return summary.heading('Timings', 3).table(
    ['Stage', 'Time'],
    stages.filter(([, , reached]) => reached).map(([stage, ms]) => [stage, humanDuration(ms)]),
  );
}

/** When the switch threw or was cancelled: what happened, the changes made before it, and the proxy's output. */
export function failureSummary(
  heading: string,
  what: string,
  changes: readonly Change[],
  untrustedOutput: string | undefined,
): SummaryBuilder {
  const summary = new SummaryBuilder().heading(`❌ ${heading}`).paragraph(what);
  // Empty says nothing either way: a failed switch-command may have changed what it was asked to without saying so.
  if (changes.length > 0) summary.heading('Changes made before it stopped, in order', 3).list(changes.map(changeLine));
  if (untrustedOutput) summary.details('Output', untrustedOutput);
  return summary;
}
