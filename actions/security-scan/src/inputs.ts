// The security-scan action's inputs, read once and typed: the only code that reads INPUT_*.
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { ConfigurationError, getBoolean, getEnum, getString, parseList, quoteValue } from '@actions-kit/core';
import { FAIL_ON_VALUES, SEVERITIES, isFailOn, type FailOn, type Policy } from '@actions-kit/findings';
import type { LicensePolicy } from '@actions-kit/licenses';
import { parseCommentKey } from '@actions-kit/pr-comment/marker';
import { specialFileKind } from '@actions-kit/reports';
import type { CommentInputs } from './pr-comment.js';
import { displayPath, resolveGlobsEach, resolveReportSources, type ReportSource } from './report-sources.js';

/** A file named by an input: where it is, and how to name it to the user. */
export interface InputFile {
  file: string;
  displayPath: string;
}

export interface Inputs {
  /** GITHUB_WORKSPACE (else the current directory): relative paths are read from here. */
  workspace: string;
  reports: ReportSource[];
  /** `reports` patterns that matched nothing, allowed by allow-missing. */
  unmatchedReports: string[];
  /** Files a pattern matched that are this action's own outputs or baseline, so not read as reports. */
  skippedReports: string[];
  policy: Policy;
  ignoreFile?: InputFile;
  baseline?: InputFile;
  /** The baseline path given when the file does not exist and allow-missing let the run go on without it. */
  missingBaseline?: string;
  sarifOutput: InputFile;
  reportOutput: InputFile;
  summary: boolean;
  annotations: boolean;
  allowMissing: boolean;
  strict: boolean;
  /** Threads to read reports on, this one included. */
  threads: number;
  /** Post the summary on the pull request (comment-on-pr: true); undefined when not. */
  comment?: CommentInputs;
  /** The license check (licenses given); undefined when there is none. */
  licenses?: LicenseInputs;
}

/** The `licenses` input with the policy it is checked against. */
export interface LicenseInputs {
  inventories: InputFile[];
  /** `licenses` patterns that matched nothing, allowed by allow-missing. */
  unmatched: string[];
  policy: LicensePolicy;
}

/** `threads: auto` reads on as many threads as the machine has cores, up to this many. */
export const AUTO_THREADS_MAX = 4;
/**
 * The most threads a number may ask for: each is a V8 instance of its own (tens of MB before it reads anything),
 * and one thread reads at least one file, so more would only cost memory.
 */
export const THREADS_MAX = 32;

export async function getInputs(): Promise<Inputs> {
  const workspace = process.env['GITHUB_WORKSPACE'] || process.cwd();
  // Everything that needs no file system first, so a typo fails before any file is looked at.
  const policy: Policy = {
    failOn: parseFailOn(getString('fail-on', { default: 'high' })),
    scope: getEnum('fail-on-scope', ['new', 'all'] as const, { default: 'new' }),
  };
  const summary = getBoolean('summary', { default: true });
  const annotations = getBoolean('annotations', { default: true });
  const allowMissing = getBoolean('allow-missing', { default: false });
  const strict = getBoolean('strict', { default: true });
  const threads = parseThreads(getString('threads', { default: 'auto' }), availableParallelism());
  const comment = commentInputs();
  const reportPatterns = parseList(getString('reports'));
  const licensePatterns = parseList(getString('licenses'));
  if (reportPatterns.length === 0 && licensePatterns.length === 0) {
    throw new ConfigurationError(
      'reports: empty, and so is licenses; set reports to the scanner reports to read (e.g. trivy-results.json), ' +
        'licenses to the license inventories to check (e.g. sbom.cdx.json), or both',
    );
  }
  const licensePolicy = await licensePolicyInputs(licensePatterns.length > 0);

  const sarifOutput = outputFile('sarif-output', 'security-scan.sarif', workspace);
  const reportOutput = outputFile('report-output', 'security-scan.json', workspace);
  if (sarifOutput.file === reportOutput.file) {
    throw new ConfigurationError(
      `sarif-output and report-output are both ${quoteValue(sarifOutput.displayPath)}; give them different paths`,
    );
  }
  const ignoreFile = existingFile('ignore-file', getString('ignore-file'), workspace, false);
  const baselineGiven = getString('baseline');
  const baseline = existingFile('baseline', baselineGiven, workspace, allowMissing);

  const exclude = [sarifOutput.file, reportOutput.file, ...(baseline ? [baseline.file] : [])];
  const reports =
    reportPatterns.length > 0
      ? await resolveReportSources(reportPatterns, workspace, { allowMissing, exclude })
      : { sources: [], unmatched: [], skipped: [] };
  const licenses = licensePolicy && {
    ...(await resolveGlobsEach('licenses', licensePatterns, workspace, allowMissing)),
    policy: licensePolicy,
  };
  // A file both inputs match (reports: out/*.json beside licenses: out/sbom.cdx.json) is read as an inventory only;
  // this action's own outputs and baseline are never read as inventories.
  const inventories = new Set(licenses?.files.filter((file) => !exclude.includes(file)));
  const ownFiles = (licenses?.files ?? []).filter((file) => exclude.includes(file));
  return {
    workspace,
    reports: reports.sources.filter((source) => !inventories.has(source.file)),
    unmatchedReports: reports.unmatched,
    skippedReports: [...new Set([...reports.skipped, ...ownFiles.map((file) => displayPath(file, workspace))])],
    policy,
    ...(ignoreFile && { ignoreFile }),
    ...(baseline && { baseline }),
    ...(baselineGiven !== '' && !baseline && { missingBaseline: baselineGiven }),
    sarifOutput,
    reportOutput,
    summary,
    annotations,
    allowMissing,
    strict,
    threads,
    ...(comment && { comment }),
    ...(licenses && {
      licenses: {
        inventories: [...inventories].map((file) => ({ file, displayPath: displayPath(file, workspace) })),
        unmatched: licenses.unmatched,
        policy: licenses.policy,
      },
    }),
  };
}

/**
 * license-allow, license-deny and the two severities, read when licenses is given; the SPDX lists are loaded only
 * then. A policy given without licenses, or licenses without a policy, is a ConfigurationError: either would be a
 * check that cannot fail.
 */
async function licensePolicyInputs(checked: boolean): Promise<LicensePolicy | undefined> {
  const allowText = getString('license-allow');
  const denyText = getString('license-deny');
  const severity = getEnum('license-severity', SEVERITIES, { default: 'high' });
  const unknownSeverity = getEnum('license-unknown-severity', SEVERITIES, { default: 'medium' });
  const given = allowText !== '' ? 'license-allow' : denyText !== '' ? 'license-deny' : undefined;
  if (!checked) {
    if (given === undefined) return undefined;
    throw new ConfigurationError(
      `${given}: set, but licenses is empty; set licenses to the license inventories to check (e.g. sbom.cdx.json, ` +
        `from trivy fs --format cyclonedx), or remove ${given}`,
    );
  }
  if (given === undefined) {
    throw new ConfigurationError(
      'licenses: set, but license-allow and license-deny are both empty; list the SPDX ids to allow ' +
        '(license-allow: MIT, Apache-2.0) or to deny (license-deny: GPL-3.0-only, AGPL-3.0-only)',
    );
  }
  const { parsePolicyList } = await import('@actions-kit/licenses');
  const allow = parsePolicyList('license-allow', allowText);
  return {
    ...(allow.length > 0 && { allow }),
    deny: parsePolicyList('license-deny', denyText),
    severity,
    unknownSeverity,
  };
}

/** comment-on-pr with its comment-key and github-token; the key is checked even when comment-on-pr is false. */
function commentInputs(): CommentInputs | undefined {
  const key = parseCommentKey(getString('comment-key'));
  if (!getBoolean('comment-on-pr', { default: false })) return undefined;
  const token = getString('github-token');
  if (token === '') {
    throw new ConfigurationError(
      'github-token: empty, and comment-on-pr: true needs a token that may write pull requests; remove the ' +
        'github-token line (it defaults to github.token) or set it to a token, e.g. ${{ secrets.COMMENT_TOKEN }}',
    );
  }
  return { key, token };
}

/** The file an optional input names; undefined when the input is empty, or the file is missing and that is allowed. */
function existingFile(name: string, given: string, workspace: string, allowMissing: boolean): InputFile | undefined {
  if (given === '') return undefined;
  const file = path.resolve(workspace, given);
  if (!existsSync(file)) {
    if (allowMissing) return undefined;
    const hint = name === 'baseline' ? ', or set allow-missing: true to run without a baseline when it is absent' : '';
    throw new ConfigurationError(
      `${name}: no file at ${quoteValue(given)} (checked from ${workspace}); fix the path${hint}`,
    );
  }
  const kind = specialFileKind(statSync(file));
  if (kind) {
    throw new ConfigurationError(
      `${name}: ${quoteValue(given)} is ${kind}, not a regular file; give the path of the file itself`,
    );
  }
  return { file, displayPath: displayPath(file, workspace) };
}

/** Where an output input says to write, checked not to be a directory; the folders are created when writing. */
function outputFile(name: string, defaultPath: string, workspace: string): InputFile {
  const given = getString(name, { default: defaultPath });
  const file = path.resolve(workspace, given);
  if (existsSync(file) && statSync(file).isDirectory()) {
    throw new ConfigurationError(`${name}: ${quoteValue(given)} is a directory; give the path of the file to write`);
  }
  return { file, displayPath: displayPath(file, workspace) };
}

/**
 * The `threads` input: `auto` or a whole number from 1, 1 reading every report on the action's own thread.
 *
 * `auto` is one thread per core up to AUTO_THREADS_MAX, but one thread on 2 cores: there, a single reading thread
 * already keeps ~1.4 cores busy (V8 collects garbage on the other), and a second one measured no faster while
 * costing its share of rebuilding (see PARALLEL_READ_MIN_BYTES in @actions-kit/findings).
 */
export function parseThreads(text: string, cores: number): number {
  if (text === 'auto') return cores <= 2 ? 1 : Math.min(cores, AUTO_THREADS_MAX);
  const count = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new ConfigurationError(
      `threads: ${quoteValue(text)} is not a number of threads; use auto (one per core, at most ${AUTO_THREADS_MAX}) or a whole number from 1 (1 reads every report on one thread)`,
    );
  }
  if (count > THREADS_MAX) {
    throw new ConfigurationError(
      `threads: ${count} is more than ${THREADS_MAX}, the most this action starts; use auto or a number from 1 to ${THREADS_MAX}`,
    );
  }
  return count;
}

/**
 * The `fail-on` input as trivy-action users write it: `high`, `HIGH`, `High`, or a list such as `CRITICAL,HIGH`,
 * which fails on any severity listed, i.e. on the lowest one listed and above. `none` stands alone.
 */
export function parseFailOn(text: string): FailOn {
  const words = parseList(text).map((word) => word.toLowerCase());
  const accepted = `use one of ${FAIL_ON_VALUES.join(', ')} (any case), or a list such as CRITICAL,HIGH`;
  const unknown = words.find((word) => !isFailOn(word));
  if (words.length === 0 || unknown !== undefined) {
    const what = unknown === undefined ? '' : ` (${quoteValue(unknown)} is not a severity)`;
    throw new ConfigurationError(`fail-on: ${quoteValue(text)} is not accepted${what}; ${accepted}`);
  }
  if (words.includes('none')) {
    if (words.length === 1) return 'none';
    throw new ConfigurationError(
      `fail-on: ${quoteValue(text)} lists none with severities; use none alone (report only) or severities only`,
    );
  }
  // SEVERITIES runs from the most severe down: the last one listed is the threshold.
  return SEVERITIES.findLast((severity) => words.includes(severity))!;
}
