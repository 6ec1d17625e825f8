// Turns the `reports` input's lines into the files to read, each with the reader its `tool:` prefix forces.
import path from 'node:path';
import { ConfigurationError, resolveGlobs } from '@actions-kit/core';
import { READER_NAMES, parseReportSpec, type ReaderName } from '@actions-kit/findings';

export interface ReportSource {
  /** Absolute path. */
  file: string;
  /** How the file is named in the summary, the JSON report and errors: relative to the workspace when inside it. */
  displayPath: string;
  /** The reader a `tool:` prefix forces; undefined means detect the format from the content. */
  reader?: ReaderName;
}

export interface ResolvedReports {
  sources: ReportSource[];
  /** Patterns that matched no file (only possible with allowMissing). */
  unmatched: string[];
  /** Matched files left out because this action writes or reads them in another role (outputs, baseline). */
  skipped: string[];
}

export interface ResolveOptions {
  allowMissing: boolean;
  /** Absolute paths never read as reports: this action's own outputs and its baseline. */
  exclude: readonly string[];
}

/**
 * Resolves each line (`[tool:]glob`, or `!glob` to exclude from every line) from `workspace`. A pattern matching no
 * file is a ConfigurationError naming it and the directory unless allowMissing. A file matched by lines that force
 * different readers is an error; a forced reader wins over detection.
 */
export async function resolveReportSources(
  lines: readonly string[],
  workspace: string,
  options: ResolveOptions,
): Promise<ResolvedReports> {
  const exclusions = lines.filter((line) => line.startsWith('!'));
  const specs = lines.filter((line) => !line.startsWith('!')).map(parseReportSpec);
  if (specs.length === 0) {
    throw new ConfigurationError(
      `reports: every line starts with '!' (an exclusion); add a pattern of report files to read, e.g. 'trivy-results.json'`,
    );
  }
  const readers = new Map<string, ReaderName | undefined>();
  const unmatched: string[] = [];
  for (const spec of specs) {
    const files = await resolvePattern(spec.pattern, exclusions, workspace, options.allowMissing);
    if (files.length === 0) unmatched.push(spec.pattern);
    for (const file of files) {
      const earlier = readers.get(file);
      if (earlier && spec.reader && earlier !== spec.reader) {
        throw new ConfigurationError(
          `reports: ${displayPath(file, workspace)} is matched with both '${earlier}:' and '${spec.reader}:'; keep one prefix for it`,
        );
      }
      readers.set(file, spec.reader ?? earlier);
    }
  }
  const excluded = new Set(options.exclude.map((file) => path.resolve(file)));
  const sources: ReportSource[] = [];
  const skipped: string[] = [];
  for (const [file, reader] of [...readers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (excluded.has(file)) skipped.push(displayPath(file, workspace));
    else sources.push({ file, displayPath: displayPath(file, workspace), ...(reader && { reader }) });
  }
  return { sources, unmatched, skipped };
}

/**
 * The files of a list of glob patterns like `licenses` (no `tool:` prefix), each pattern resolved on its own so
 * that those matching nothing can be named (only possible with allowMissing).
 */
export async function resolveGlobsEach(
  inputName: string,
  lines: readonly string[],
  workspace: string,
  allowMissing: boolean,
): Promise<{ files: string[]; unmatched: string[] }> {
  const exclusions = lines.filter((line) => line.startsWith('!'));
  const files = new Set<string>();
  const unmatched: string[] = [];
  for (const pattern of lines.filter((line) => !line.startsWith('!'))) {
    const matched = await resolveGlobs(inputName, [pattern, ...exclusions], workspace, { allowMissing });
    if (matched.length === 0) unmatched.push(pattern);
    matched.forEach((file) => files.add(file));
  }
  if (files.size === 0 && unmatched.length === 0) {
    throw new ConfigurationError(
      `${inputName}: every line starts with '!' (an exclusion); add a pattern of files to read`,
    );
  }
  return { files: [...files].sort(), unmatched };
}

async function resolvePattern(
  pattern: string,
  exclusions: readonly string[],
  workspace: string,
  allowMissing: boolean,
): Promise<string[]> {
  try {
    return await resolveGlobs('reports', [pattern, ...exclusions], workspace, { allowMissing });
  } catch (error) {
    // "semgrep:out/x.sarif" is read as a glob: say why it matched nothing.
    const prefix = /^([a-z][a-z0-9-]*):[^/\\]/i.exec(pattern)?.[1];
    if (error instanceof ConfigurationError && prefix && prefix.length > 1) {
      throw new ConfigurationError(
        `${error.message}; '${prefix}:' is not a tool prefix (known: ${READER_NAMES.map((n) => `${n}:`).join(', ')}); SARIF from any tool needs no prefix`,
      );
    }
    throw error;
  }
}

/** The path relative to the workspace with `/` separators, or the absolute path when it is outside. */
export function displayPath(file: string, workspace: string): string {
  const relative = path.relative(workspace, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return file;
  return relative.split(path.sep).join('/');
}
