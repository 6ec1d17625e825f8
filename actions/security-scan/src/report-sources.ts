// Turns the `reports` input's lines into the files to read, each with the reader its `tool:` prefix forces.
import { statSync } from 'node:fs';
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

async function resolvePattern(
  pattern: string,
  exclusions: readonly string[],
  workspace: string,
  allowMissing: boolean,
): Promise<string[]> {
  const literal = literalFile(pattern, exclusions, workspace, allowMissing);
  if (literal) return literal;
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

// Characters that make a pattern more than a path for @actions/glob (minimatch), plus `~` (home) and `\\`.
const GLOB_SYNTAX = /[*?[\]{}()!+@~\\]/;

/**
 * The answer for a plain path (most `reports` lines name one file), without loading @actions/glob: it costs about
 * 60 ms of start-up because it loads @actions/core and its HTTP client. @actions/glob gives the same answer for
 * a plain path that is a file (itself) or does not exist (nothing); a directory (every file below it), exclusions
 * and anything else are left to it. Undefined means "ask @actions/glob", including for a missing file that is an
 * error, so the error message stays the shared one.
 */
function literalFile(
  pattern: string,
  exclusions: readonly string[],
  workspace: string,
  allowMissing: boolean,
): string[] | undefined {
  if (exclusions.length > 0 || GLOB_SYNTAX.test(pattern)) return undefined;
  const segments = pattern.replace(/^\.\//, '').split('/');
  if (segments.some((segment) => segment === '.' || segment === '..')) return undefined;
  const file = path.resolve(workspace, pattern);
  let stats;
  try {
    stats = statSync(file);
  } catch {
    return allowMissing ? [] : undefined;
  }
  return stats.isFile() ? [file] : undefined;
}

/** The path relative to the workspace with `/` separators, or the absolute path when it is outside. */
export function displayPath(file: string, workspace: string): string {
  const relative = path.relative(workspace, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return file;
  return relative.split(path.sep).join('/');
}
