// The job summary: the verdict, open findings by severity and tool, new / existing / fixed, the top findings with
// links to their lines, suppressions to look at, the files read, and what did not fit (SARIF limit, annotations).
// Every string from a report goes through SummaryBuilder, which escapes it.
import { SummaryBuilder, oneLine } from '@actions-kit/core';
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
  const summary = new SummaryBuilder();
  summary.raw(`## Security scan: ${analysis.result.passed ? '✅ passed' : '❌ failed'}`);
  summary.paragraph(
    `${capitalise(analysis.result.summary)}. Policy: fail-on ${policy.failOn}, fail-on-scope ${policy.scope}. ` +
      `${analysis.counts.total} open finding(s) after de-duplication, ${analysis.counts.suppressed} suppressed.`,
  );
  severityTable(summary, view);
  baselineSection(summary, view);
  topFindings(summary, view);
  suppressionSection(summary, analysis.expired, analysis.unused);
  filesSection(summary, view);
  limitsSection(summary, view);
  summary.paragraph(`Written: SARIF ${view.sarif.file}, JSON report ${view.reportFile}.`);
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
  const row = (label: string, counts: ToolCounts): string[] => [
    label,
    ...SEVERITIES.map((s) => String(counts.open[s])),
    String(SEVERITIES.reduce((n, s) => n + counts.open[s], 0)),
    String(counts.suppressed),
  ];
  summary.heading('Open findings by severity and tool', 3);
  if (tools.length === 0) {
    summary.paragraph('No report was read, so there is no finding to show.');
    return;
  }
  summary.table(
    ['Tool', ...SEVERITIES.map((s) => SEVERITY_LABEL[s]), 'Open', 'Suppressed'],
    [...tools.map((tool) => row(tool, byTool.get(tool)!)), ...(tools.length > 1 ? [row('All tools', all)] : [])],
  );
  summary.paragraph(
    'A finding several tools or reports found is counted once, under the tool listed first in its sources.',
  );
}

function baselineSection(summary: SummaryBuilder, view: SummaryView): void {
  const { counts, fixed } = view.analysis;
  summary.heading('New, existing and fixed', 3);
  if (view.baseline === undefined) {
    const missing = view.missingBaseline
      ? `The baseline ${view.missingBaseline} does not exist (allowed by allow-missing), so every open finding is new.`
      : 'No baseline was given, so every open finding is new.';
    summary.paragraph(
      `${missing} Set baseline to the JSON report of a run on the default branch to tell new findings from existing ones.`,
    );
    return;
  }
  summary.table(['New', 'Existing', 'Fixed'], [[String(counts.new), String(counts.existing), String(counts.fixed)]]);
  summary.paragraph(`Compared with the baseline ${view.baseline}.`);
  if (fixed.length > 0) {
    summary.details(
      `${fixed.length} finding(s) of the baseline no longer found`,
      new SummaryBuilder().list(
        fixed.map((f) => `${f.severity} ${f.ruleId} (${f.tool}): ${f.title} at ${placeText(f.location)}`),
      ),
    );
  }
}

function topFindings(summary: SummaryBuilder, view: SummaryView): void {
  const { shown, open } = firstOpen(view.analysis.findings, view.topFindings ?? 20);
  if (open === 0) return;
  summary.heading(shown.length < open ? `Top ${shown.length} of ${open} open findings` : 'Open findings', 3);
  // One line per cell, so each finding reads as one row.
  summary.table(
    ['Severity', 'Status', 'Tool', 'Rule', 'Finding', 'Location'],
    shown.map((f) => [
      SEVERITY_LABEL[f.severity],
      f.status,
      oneLine(f.tools.join(', ')),
      oneLine(f.ruleId),
      oneLine(shorten(f.title, 160)),
      { text: oneLine(placeText(f.location)), href: blobUrl(f.location, view.blobBase) },
    ]),
    { moreRowsNote: true },
  );
  if (shown.length < open) {
    summary.paragraph(`The other ${open - shown.length} are in ${view.reportFile} and the SARIF file.`);
  }
}

/** The first `limit` open findings, in order, and how many open findings there are, without copying them all. */
export function firstOpen(findings: readonly Finding[], limit: number): { shown: Finding[]; open: number } {
  const shown: Finding[] = [];
  let open = 0;
  for (const finding of findings) {
    if (finding.status === 'suppressed') continue;
    if (open < limit) shown.push(finding);
    open++;
  }
  return { shown, open };
}

function suppressionSection(
  summary: SummaryBuilder,
  expired: SummaryView['analysis']['expired'],
  unused: readonly Suppression[],
): void {
  if (expired.length === 0 && unused.length === 0) return;
  summary.heading('Suppressions to review', 3);
  if (expired.length > 0) {
    summary.paragraph(
      `${expired.length} ignore-file entr${expired.length === 1 ? 'y has' : 'ies have'} expired and no longer suppress anything:`,
    );
    summary.list(
      expired.map(
        ({ suppression, matches }) =>
          `entry ${suppression.entry} (${describeSuppression(suppression)}) expired after ${suppression.expires}: ` +
          `${matches} open finding(s) match it. Reason given: ${suppression.reason}`,
      ),
    );
  }
  if (unused.length > 0) {
    summary.paragraph(`${unused.length} ignore-file entr${unused.length === 1 ? 'y' : 'ies'} matched no finding:`);
    summary.list(unused.map((s) => `entry ${s.entry} (${describeSuppression(s)}); remove it if the problem is gone`));
  }
}

function filesSection(summary: SummaryBuilder, view: SummaryView): void {
  summary.heading('Reports read', 3);
  if (view.files.length > 0) {
    summary.table(
      ['File', 'Tool', 'Format', 'Records', 'Suppressed in the report', 'Notes'],
      view.files.map((f) => [
        f.path,
        f.tool,
        f.format,
        String(f.raw),
        String(f.suppressed),
        f.error ? `Not read: ${f.error}` : (f.notes ?? []).join(' '),
      ]),
      { moreRowsNote: true },
    );
    summary.paragraph(
      'Records are the active findings each file holds before de-duplication; records a report marks as passed or suppressed are not counted as findings.',
    );
  }
  const unreadable = view.files.filter((f) => f.error !== undefined).length;
  if (unreadable > 0) {
    summary.paragraph(
      `${unreadable} report(s) could not be read and were left out (strict: false); their findings are not counted.`,
    );
  }
  if (view.unmatchedReports.length > 0) {
    summary.paragraph(
      `No file matched ${view.unmatchedReports.map((p) => `'${p}'`).join(', ')} (allowed by allow-missing).`,
    );
  }
  if (view.skippedReports.length > 0) {
    summary.paragraph(
      `Not read as reports, because this action writes or compares with them: ${view.skippedReports.join(', ')}.`,
    );
  }
}

function limitsSection(summary: SummaryBuilder, view: SummaryView): void {
  const { dropped, combinedTools } = view.sarif;
  if (dropped.length > 0) {
    const total = dropped.reduce((n, d) => n + d.count, 0);
    const perTool = dropped.map(
      (d) =>
        `${d.tool}: ${d.count} (${SEVERITIES.filter((s) => d.bySeverity[s])
          .map((s) => `${d.bySeverity[s]} ${s}`)
          .join(', ')})`,
    );
    summary.paragraph(
      `${total} result(s) were left out of the SARIF file, least severe first, to stay within GitHub's ` +
        `${groupThousands(SARIF_LIMITS.resultsPerRun)} results per run: ${perTool.join('; ')}. ` +
        `They are still in ${view.reportFile} and counted above.`,
    );
  }
  if (combinedTools.length > 0) {
    summary.paragraph(
      `GitHub accepts ${SARIF_LIMITS.runs} runs per SARIF upload; these tools share the last run: ${combinedTools.join(', ')}.`,
    );
  }
  if (view.annotationsOmitted !== '') summary.paragraph(view.annotationsOmitted);
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

/** 25000 → "25,000", as toLocaleString('en-US') writes it, without loading ICU's locale data (~16 ms at start). */
export function groupThousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
