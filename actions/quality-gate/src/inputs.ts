// The quality-gate inputs, read once and checked before any report is read: the only code that reads INPUT_*.
// Conditions are checked against what is given, so a condition that could never be judged fails here, naming it.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  ConfigurationError,
  getBoolean,
  getEnum,
  getInteger,
  getString,
  parseLines,
  parseList,
  quoteValue,
  resolveGlobs,
} from '@actions-kit/core';
import { parseConditions, type Condition } from './conditions.js';
import type { ReportKind } from './metrics.js';

export const REPORT_KINDS: readonly ReportKind[] = ['coverage', 'tests', 'lint'];
export const IF_MISSING = ['error', 'warn', 'ignore'] as const;
export type IfMissing = (typeof IF_MISSING)[number];

/** A file named by an input: where it is, and how to name it to the user. */
export interface InputFile {
  file: string;
  displayPath: string;
}

export interface ReportFiles {
  /** Absolute paths, sorted. */
  files: string[];
  /** Patterns that matched no file (allowed by if-missing: warn or ignore). */
  unmatched: string[];
}

export type DiffSource = { kind: 'base'; ref: string } | ({ kind: 'file' } & InputFile);
export type BaselineSource = { kind: 'none' } | { kind: 'cache' } | ({ kind: 'file' } & InputFile);

export interface Inputs {
  /** GITHUB_WORKSPACE (else the current directory): the repository root annotations are relative to. */
  workspace: string;
  /** working-directory, absolute: globs, report paths and the other file inputs are read from here. */
  directory: string;
  /** working-directory relative to the workspace ('' at the root, else 'packages/app'): put before report paths in annotations. */
  projectPrefix: string;
  reports: Partial<Record<ReportKind, ReportFiles>>;
  conditions: Condition[];
  diff?: DiffSource;
  baseline: BaselineSource;
  minNewLines: number;
  stripPrefixes: string[];
  ifMissing: IfMissing;
  summary: boolean;
  annotations: boolean;
  resultOutput: InputFile;
}

export async function getInputs(): Promise<Inputs> {
  const workspace = path.resolve(process.env['GITHUB_WORKSPACE'] || process.cwd());
  const directory = getDirectory(workspace);
  const patterns = Object.fromEntries(REPORT_KINDS.map((kind) => [kind, parseLines(getString(kind))])) as Record<
    ReportKind,
    string[]
  >;
  const given = new Set(REPORT_KINDS.filter((kind) => patterns[kind].length > 0));
  if (given.size === 0) {
    throw new ConfigurationError(
      'coverage, tests and lint are all empty; give the paths (globs) of at least one kind of report, e.g. ' +
        'coverage: coverage/lcov.info',
    );
  }
  const conditions = parseConditions(getString('conditions'), given);
  const diff = getDiff(directory);
  const baseline = getBaseline(directory);
  checkConditions(conditions, given, baseline);
  const ifMissing = getEnum('if-missing', IF_MISSING, { default: 'error' });
  const resultOutput = getResultOutput(directory);
  const exclude = [resultOutput.file, ...(baseline.kind === 'file' ? [baseline.file] : [])];
  const reports: Partial<Record<ReportKind, ReportFiles>> = {};
  for (const kind of given) reports[kind] = await resolveReports(kind, patterns[kind], directory, ifMissing, exclude);
  return {
    workspace,
    directory,
    projectPrefix: toPosix(path.relative(workspace, directory)),
    reports,
    conditions,
    ...(diff && { diff }),
    baseline,
    minNewLines: getInteger('min-new-lines', { default: 20, min: 0, max: 1_000_000 }),
    stripPrefixes: parseList(getString('path-prefix-strip')),
    ifMissing,
    summary: getBoolean('summary', { default: true }),
    annotations: getBoolean('annotations', { default: true }),
    resultOutput,
  };
}

function getDirectory(workspace: string): string {
  const given = getString('working-directory', { default: '.' });
  const directory = path.resolve(workspace, given);
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new ConfigurationError(
      `working-directory: ${quoteValue(given)} is not a directory (checked from ${workspace}); give the folder the reports' paths are relative to`,
    );
  }
  return directory;
}

function getDiff(directory: string): DiffSource | undefined {
  const ref = getString('diff-base');
  const file = getString('diff-file');
  if (ref !== '' && file !== '') {
    throw new ConfigurationError('diff-base and diff-file are both set; keep one (diff-base runs git diff itself)');
  }
  if (ref !== '') return { kind: 'base', ref };
  if (file !== '') return { kind: 'file', ...existingFile('diff-file', file, directory) };
  return undefined;
}

function getBaseline(directory: string): BaselineSource {
  const given = getString('baseline', { default: 'none' });
  if (given === 'none') return { kind: 'none' };
  if (given === 'cache') return { kind: 'cache' };
  return { kind: 'file', ...existingFile('baseline', given, directory) };
}

function existingFile(name: string, given: string, directory: string): InputFile {
  const file = path.resolve(directory, given);
  if (!existsSync(file)) {
    const also = name === 'baseline' ? ', or use none or cache' : '';
    throw new ConfigurationError(
      `${name}: no file at ${quoteValue(given)} (checked from ${directory}); fix the path${also}`,
    );
  }
  if (!statSync(file).isFile()) {
    throw new ConfigurationError(
      `${name}: ${quoteValue(given)} is not a regular file; give the path of the file itself`,
    );
  }
  return { file, displayPath: displayPath(file, directory) };
}

function getResultOutput(directory: string): InputFile {
  const given = getString('result-output', { default: 'quality-gate.json' });
  const file = path.resolve(directory, given);
  if (existsSync(file) && statSync(file).isDirectory()) {
    throw new ConfigurationError(
      `result-output: ${quoteValue(given)} is a directory; give the path of the file to write`,
    );
  }
  return { file, displayPath: displayPath(file, directory) };
}

/**
 * A condition that can never be judged with these inputs is a mistake to say now, not a red gate later. A new.*
 * condition without a diff is not one: the same step runs on pull requests (diff-base set) and on pushes to the
 * default branch (no diff, so not evaluable there, and the summary says so).
 */
function checkConditions(
  conditions: readonly Condition[],
  given: ReadonlySet<ReportKind>,
  baseline: BaselineSource,
): void {
  for (const { text, metric } of conditions) {
    if (!given.has(metric.needs)) {
      throw new ConfigurationError(
        `conditions: ${quoteValue(text)} needs ${metric.needs} reports, and ${metric.needs} is empty; set ${metric.needs} to their paths, or remove the condition`,
      );
    }
    if (metric.delta && baseline.kind === 'none') {
      throw new ConfigurationError(
        `conditions: ${quoteValue(text)} compares with a baseline; set baseline to cache, or to the result-output file of an earlier run`,
      );
    }
  }
}

/**
 * Each pattern resolved on its own (the `!` lines exclude from all), so a pattern that matches nothing is named.
 * Files this action writes or reads in another role (result-output, baseline) are never read as reports.
 */
async function resolveReports(
  kind: ReportKind,
  lines: readonly string[],
  directory: string,
  ifMissing: IfMissing,
  exclude: readonly string[],
): Promise<ReportFiles> {
  const exclusions = lines.filter((line) => line.startsWith('!'));
  const inclusions = lines.filter((line) => !line.startsWith('!'));
  if (inclusions.length === 0) {
    throw new ConfigurationError(`${kind}: every line starts with '!' (an exclusion); add a pattern of files to read`);
  }
  const files = new Set<string>();
  const unmatched: string[] = [];
  for (const pattern of inclusions) {
    const matches = await resolveGlobs(kind, [pattern, ...exclusions], directory, { allowMissing: true });
    const kept = matches.filter((file) => !exclude.includes(file));
    if (kept.length === 0) {
      if (ifMissing === 'error') {
        throw new ConfigurationError(
          `${kind}: no file matches ${quoteValue(pattern)} (checked from ${directory}); fix the pattern, or set if-missing: warn (or ignore) when the reports may be absent`,
        );
      }
      unmatched.push(pattern);
    }
    for (const file of kept) files.add(file);
  }
  return { files: [...files].sort(), unmatched };
}

export function displayPath(file: string, directory: string): string {
  const relative = path.relative(directory, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? toPosix(relative) : file;
}

function toPosix(text: string): string {
  return text.split(path.sep).join('/');
}
