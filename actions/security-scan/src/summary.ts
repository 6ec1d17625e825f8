// The job summary: the verdict, open findings by severity and tool, new / existing / fixed, the top findings with
// links to their lines, suppressions to look at, the files read, and what did not fit (SARIF limit, annotations).
// The action's own words are own`…`; every value from a report or an input is interpolated into them, and
// SummaryBuilder escapes it only as much as where it lands needs.
import {
  SummaryBuilder,
  agree,
  countOf,
  groupDigits,
  joinText,
  oneLine,
  own,
  type SummaryText,
} from '@actions-kit/core';
import {
  SARIF_LIMITS,
  SEVERITIES,
  type Analysis,
  type DroppedResults,
  type Finding,
  type Policy,
  type ReportFileEntry,
  type Severity,
  type Suppression,
} from '@actions-kit/findings';
import { isRepositoryPath } from './annotations.js';

/** Where the checked-out commit's files are browsed: GITHUB_SERVER_URL / GITHUB_REPOSITORY / blob / GITHUB_SHA. */
export interface BlobBase {
  serverUrl: string;
  repository: string;
  sha: string;
}

export interface SummaryView {
  policy: Policy;
  analysis: Pick<Analysis, 'findings' | 'counts' | 'result' | 'fixed' | 'expired' | 'unused' | 'tools'>;
  files: readonly ReportFileEntry[];
  /** `reports` patterns that matched no file (allowed by allow-missing). */
  unmatchedReports: readonly string[];
  /** Matched files not read because they are this action's outputs or baseline. */
  skippedReports: readonly string[];
  /** The baseline's path; undefined without one. */
  baseline?: string;
  /** The baseline path given when the file was missing and allow-missing let the run go on. */
  missingBaseline?: string;
  sarif: { dropped: readonly DroppedResults[]; combinedTools: readonly string[]; file: string };
  reportFile: string;
  /** AnnotationBudget's note about annotations left out; '' when none were. */
  annotationsOmitted: string;
  /** Links to file:line when the run's repository and commit are known. */
  blobBase?: BlobBase;
  /** How many open findings the top-findings table lists (default 20). */
  topFindings?: number;
}

const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

export function buildSummary(view: SummaryView): SummaryBuilder {
  const { analysis, policy } = view;
  const { counts } = analysis;
  const summary = new SummaryBuilder();
  summary.raw(`## Security scan: ${analysis.result.passed ? '✅ passed' : '❌ failed'}`);
  summary.paragraph(
    joinText([
      own`${capitalise(analysis.result.summary)}. Policy: fail-on ${policy.failOn}, fail-on-scope ${policy.scope}. `,
      own`${countOf(counts.total, 'open finding')} after de-duplication, ${groupDigits(counts.suppressed)} suppressed.`,
    ]),
  );
  severityTable(summary, view);
  baselineSection(summary, view);
  topFindings(summary, view);
  suppressionSection(summary, analysis.expired, analysis.unused);
  filesSection(summary, view);
  limitsSection(summary, view);
  summary.paragraph(own`Written: SARIF ${view.sarif.file}, JSON report ${view.reportFile}.`);
  return summary;
}

interface ToolCounts {
  open: Record<Severity, number>;
  suppressed: number;
}

const noCounts = (): ToolCounts => ({ open: { critical: 0, high: 0, medium: 0, low: 0, info: 0 }, suppressed: 0 });

function severityTable(summary: SummaryBuilder, view: SummaryView): void {
  // One pass over the findings: a large run has hundreds of thousands of them.
  const byTool = new Map<string, ToolCounts>(view.analysis.tools.map((tool) => [tool, noCounts()]));
  const all = noCounts();
  for (const finding of view.analysis.findings) {
    let counts = byTool.get(finding.tool);
    if (!counts) byTool.set(finding.tool, (counts = noCounts()));
    if (finding.status === 'suppressed') {
      counts.suppressed++;
      all.suppressed++;
    } else {
      counts.open[finding.severity]++;
      all.open[finding.severity]++;
    }
  }
  const tools = [...byTool.keys()].sort();
  const row = (label: SummaryText, counts: ToolCounts): SummaryText[] => [
    label,
    ...SEVERITIES.map((s) => groupDigits(counts.open[s])),
    groupDigits(SEVERITIES.reduce((n, s) => n + counts.open[s], 0)),
    groupDigits(counts.suppressed),
  ];
  summary.heading(own`Open findings by severity and tool`, 3);
  if (tools.length === 0) {
    summary.paragraph(own`No report was read, so there is no finding to show.`);
    return;
  }
  summary.table(
    [own`Tool`, ...SEVERITIES.map((s) => own`${SEVERITY_LABEL[s]}`), own`Open`, own`Suppressed`],
    [...tools.map((tool) => row(tool, byTool.get(tool)!)), ...(tools.length > 1 ? [row(own`All tools`, all)] : [])],
  );
  summary.paragraph(
    own`A finding several tools or reports found is counted once, under the tool listed first in its sources.`,
  );
}

function baselineSection(summary: SummaryBuilder, view: SummaryView): void {
  const { counts, fixed } = view.analysis;
  summary.heading(own`New, existing and fixed`, 3);
  if (view.baseline === undefined) {
    const missing = view.missingBaseline
      ? own`The baseline ${view.missingBaseline} does not exist (allowed by allow-missing), so every open finding is new.`
      : own`No baseline was given, so every open finding is new.`;
    summary.paragraph(
      own`${missing} Set baseline to the JSON report of a run on the default branch to tell new findings from existing ones.`,
    );
    return;
  }
  summary.table(
    [own`New`, own`Existing`, own`Fixed`],
    [[groupDigits(counts.new), groupDigits(counts.existing), groupDigits(counts.fixed)]],
  );
  summary.paragraph(own`Compared with the baseline ${view.baseline}.`);
  if (fixed.length > 0) {
    summary.details(
      own`${countOf(fixed.length, 'finding')} of the baseline no longer found`,
      new SummaryBuilder().list(
        fixed.map((f) => own`${f.severity} ${f.ruleId} (${f.tool}): ${f.title} at ${placeText(f.location)}`),
      ),
    );
  }
}

function topFindings(summary: SummaryBuilder, view: SummaryView): void {
  const { policy } = view;
  const hasBaseline = view.baseline !== undefined;
  const { shown, open } = topOpen(view.analysis, view.topFindings ?? 20);
  if (open === 0) return;
  const failing = new Set(view.analysis.result.failing);
  const heading =
    shown.length < open
      ? own`Top ${groupDigits(shown.length)} of ${groupDigits(open)} open findings`
      : own`Open findings`;
  summary.heading(heading, 3);
  // One line per cell, so each finding reads as one row. Without a baseline every finding is new: no Status column.
  summary.table(
    [
      own`Policy`,
      own`Severity`,
      ...(hasBaseline ? [own`Status`] : []),
      own`Tool`,
      own`Rule`,
      own`Finding`,
      own`Location`,
    ],
    shown.map((f) => [
      own`${policyMark(f, failing, policy)}`,
      own`${SEVERITY_LABEL[f.severity]}`,
      ...(hasBaseline ? [own`${f.status}`] : []),
      oneLine(f.tools.join(', ')),
      { text: oneLine(f.ruleId), href: f.helpUri },
      oneLine(shorten(f.title, 160)),
      { text: oneLine(placeText(f.location)), href: blobUrl(f.location, view.blobBase) },
    ]),
    { moreRowsNote: true },
  );
  const others = open - shown.length;
  if (others > 0) {
    summary.paragraph(own`The other ${groupDigits(others)} are in ${view.reportFile} and the SARIF file.`);
  }
}

/**
 * What the policy made of an open finding, in a few words: it fails the step, it is below fail-on, it is in the
 * baseline (with fail-on-scope: new), or fail-on is none.
 */
export function policyMark(finding: Finding, failing: ReadonlySet<Finding>, policy: Policy): string {
  if (failing.has(finding)) return '❌ fails';
  if (policy.failOn === 'none') return 'reported only';
  if (policy.scope === 'new' && finding.status === 'existing') return 'in the baseline';
  return `below ${policy.failOn}`;
}

/**
 * The first `limit` open findings to show, those that fail the policy first (each group in the findings' order,
 * most severe first), and how many open findings there are (the analysis counted them). Looks no further than it
 * needs: a run with hundreds of thousands of findings fills the list from its first few.
 */
export function topOpen(
  analysis: Pick<Analysis, 'findings' | 'result' | 'counts'>,
  limit: number,
): { shown: Finding[]; open: number } {
  const shown = analysis.result.failing.slice(0, limit);
  if (shown.length < limit) {
    const failing = new Set(analysis.result.failing);
    for (const finding of analysis.findings) {
      if (shown.length >= limit) break;
      if (finding.status !== 'suppressed' && !failing.has(finding)) shown.push(finding);
    }
  }
  return { shown, open: analysis.counts.total };
}

function suppressionSection(
  summary: SummaryBuilder,
  expired: SummaryView['analysis']['expired'],
  unused: readonly Suppression[],
): void {
  if (expired.length === 0 && unused.length === 0) return;
  summary.heading(own`Suppressions to review`, 3);
  if (expired.length > 0) {
    const n = expired.length;
    summary.paragraph(
      own`${countOf(n, 'ignore-file entry', 'ignore-file entries')} ${agree(n, 'has', 'have')} expired and no longer ${agree(n, 'suppresses', 'suppress')} anything:`,
    );
    summary.list(
      expired.map(({ suppression, matches }) =>
        joinText([
          own`entry ${suppression.entry} (${describeSuppression(suppression)}) expired after ${suppression.expires ?? ''}: `,
          own`${countOf(matches, 'open finding')} ${agree(matches, 'matches', 'match')} it. Reason given: ${suppression.reason}`,
        ]),
      ),
    );
  }
  if (unused.length > 0) {
    summary.paragraph(own`${countOf(unused.length, 'ignore-file entry', 'ignore-file entries')} matched no finding:`);
    summary.list(
      unused.map((s) => own`entry ${s.entry} (${describeSuppression(s)}); remove it if the problem is gone`),
    );
  }
}

function filesSection(summary: SummaryBuilder, view: SummaryView): void {
  summary.heading(own`Reports read`, 3);
  if (view.files.length > 0) {
    summary.table(
      [own`File`, own`Tool`, own`Format`, own`Records`, own`Suppressed in the report`, own`Notes`],
      view.files.map((f) => [
        f.path,
        f.tool,
        f.format,
        groupDigits(f.raw),
        groupDigits(f.suppressed),
        f.error ? own`Not read: ${f.error}` : (f.notes ?? []).join(' '),
      ]),
      { moreRowsNote: true },
    );
    summary.paragraph(
      own`Records are the active findings each file holds before de-duplication; records a report marks as passed or suppressed are not counted as findings.`,
    );
  }
  const unreadable = view.files.filter((f) => f.error !== undefined).length;
  if (unreadable > 0) {
    summary.paragraph(
      own`${countOf(unreadable, 'report')} could not be read and ${agree(unreadable, 'was', 'were')} left out (strict: false); ${agree(unreadable, 'its', 'their')} findings are not counted.`,
    );
  }
  if (view.unmatchedReports.length > 0) {
    summary.paragraph(
      own`No file matched ${joinText(
        view.unmatchedReports.map((p) => own`'${p}'`),
        ', ',
      )} (allowed by allow-missing).`,
    );
  }
  if (view.skippedReports.length > 0) {
    summary.paragraph(
      own`Not read as reports, because this action writes or compares with them: ${joinText(view.skippedReports, ', ')}.`,
    );
  }
}

function limitsSection(summary: SummaryBuilder, view: SummaryView): void {
  const { dropped, combinedTools } = view.sarif;
  if (dropped.length > 0) {
    const total = dropped.reduce((n, d) => n + d.count, 0);
    const perTool = dropped.map(
      (d) =>
        own`${d.tool}: ${groupDigits(d.count)} (${SEVERITIES.filter((s) => d.bySeverity[s])
          .map((s) => `${groupDigits(d.bySeverity[s] ?? 0)} ${s}`)
          .join(', ')})`,
    );
    summary.paragraph(
      joinText([
        own`${countOf(total, 'result')} ${agree(total, 'was', 'were')} left out of the SARIF file, least severe first, to stay within GitHub's `,
        own`${groupDigits(SARIF_LIMITS.resultsPerRun)} results per run: ${joinText(perTool, '; ')}. `,
        own`They are still in ${view.reportFile} and counted above.`,
      ]),
    );
  }
  if (combinedTools.length > 0) {
    summary.paragraph(
      own`GitHub accepts ${SARIF_LIMITS.runs} runs per SARIF upload; these tools share the last run: ${joinText(combinedTools, ', ')}.`,
    );
  }
  if (view.annotationsOmitted !== '') summary.paragraph(own`${view.annotationsOmitted}`);
}

/** The file (and line) at the run's commit; undefined without the commit, or for a path outside the checkout. */
function blobUrl(location: Finding['location'], base: BlobBase | undefined): string | undefined {
  const { path, startLine } = location;
  if (!base || !isRepositoryPath(path)) return undefined;
  // encodeURIComponent throws on a lone surrogate, which a report can hold (escaped): it becomes U+FFFD.
  const encoded = path
    .toWellFormed()
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`))
    .join('/');
  const anchor = startLine === undefined ? '' : `#L${startLine}`;
  return `${base.serverUrl}/${base.repository}/blob/${base.sha}/${encoded}${anchor}`;
}

/** `path:line`, or the path alone when the finding has no line. */
export function placeText(location: { path: string; startLine?: number }): string {
  return location.startLine === undefined ? location.path : `${location.path}:${location.startLine}`;
}

function describeSuppression(s: Suppression): string {
  return [s.id && `id ${s.id}`, s.rule && `rule ${s.rule}`, s.cve && `cve ${s.cve}`, s.path && `path ${s.path}`]
    .filter(Boolean)
    .join(', ');
}

function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The blob link base from the runner's environment, when all of it is there and well-formed. */
export function blobBaseFromEnv(env: NodeJS.ProcessEnv): BlobBase | undefined {
  const serverUrl = env['GITHUB_SERVER_URL']?.replace(/\/+$/, '');
  const repository = env['GITHUB_REPOSITORY'];
  const sha = env['GITHUB_SHA'];
  if (!serverUrl || !/^https?:\/\/[^\s()<>[\]]+$/.test(serverUrl)) return undefined;
  if (!repository || !/^[\w.-]+\/[\w.-]+$/.test(repository)) return undefined;
  if (!sha || !/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha)) return undefined;
  return { serverUrl, repository, sha };
}
