// Resolves glob patterns to files with @actions/glob, from a chosen directory, so a pattern that matches nothing
// is reported instead of silently reading no files. `{a,b}` is expanded here, as @actions/glob reads braces literally.
import { statSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import { expandBraces } from './brace-expansion.js';
import { ConfigurationError, quoteValue } from './errors.js';

export interface GlobOptions {
  /** Return [] for a pattern that matches nothing instead of failing. */
  allowMissing?: boolean;
}

interface RootedPattern {
  written: string;
  negate: boolean;
  /** The globs @actions/glob is given: one, or one per alternative of the `{a,b}` groups it has no syntax for. */
  rooted: string[];
}

/** A pattern's `{a,b}` groups may expand to at most this many globs. */
const MAX_ALTERNATIVES = 256;

/**
 * Files (not directories) matched by the patterns, absolute, de-duplicated and sorted. Relative patterns are
 * read from `directory`; `!pattern` excludes. Each including pattern must match at least one file unless
 * allowMissing is set.
 */
export async function resolveGlobs(
  inputName: string,
  patterns: readonly string[],
  directory: string,
  options: GlobOptions = {},
): Promise<string[]> {
  const plain = plainPathFiles(patterns, directory, options);
  if (plain) return plain;
  // Loaded here, not at the top: @actions/glob and its dependencies cost start-up time that actions which never
  // read globs should not pay (ncc puts a dynamic import in its own chunk).
  const glob = await import('@actions/glob');
  const rooted = patterns.map((pattern) => rootPattern(inputName, pattern, directory));
  const exclusions = rooted.filter((pattern) => pattern.negate).flatMap((p) => p.rooted.map((glob) => `!${glob}`));
  const inclusions = rooted.filter((pattern) => !pattern.negate);
  if (inclusions.length === 0 && patterns.length > 0 && !options.allowMissing) {
    throw new ConfigurationError(`${inputName}: every pattern starts with '!'; add a pattern that includes files`);
  }
  const files = new Set<string>();
  for (const pattern of inclusions) {
    let matches: string[];
    try {
      const globber = await glob.create([...pattern.rooted, ...exclusions].join('\n'), { matchDirectories: false });
      matches = await globber.glob();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ConfigurationError(`${inputName}: cannot use the pattern ${quoteValue(pattern.written)}: ${reason}`);
    }
    if (matches.length === 0 && !options.allowMissing) {
      const excluded = exclusions.length > 0 ? ', after the ! exclusions' : '';
      throw new ConfigurationError(
        `${inputName}: no file matches ${quoteValue(pattern.written)} (checked from ${directory}${excluded}); fix the pattern or the path`,
      );
    }
    for (const file of matches) files.add(file);
  }
  return [...files].sort();
}

// What makes a pattern more than a path to @actions/glob (minimatch), plus `~` (home) and `\\`.
const GLOB_SYNTAX = /[*?[\]{}()!+@~\\]/;

/**
 * The answer for patterns that are all plain paths (most report inputs name files), with one stat each and without
 * loading @actions/glob, which costs about 60 ms of start-up (it brings @actions/core and its HTTP client).
 * @actions/glob gives the same answer for a plain path that is a file (itself) or does not exist (nothing). Undefined
 * means "ask @actions/glob": an exclusion, a pattern, a directory (every file below it), '.' or '..' segments, or a
 * missing file without allowMissing, so its error message stays the one above.
 */
function plainPathFiles(patterns: readonly string[], directory: string, options: GlobOptions): string[] | undefined {
  const files = new Set<string>();
  for (const pattern of patterns) {
    const plain = pattern.replace(/^\.\//, '');
    if (GLOB_SYNTAX.test(plain) || plain.split('/').some((segment) => segment === '.' || segment === '..')) {
      return undefined;
    }
    const file = resolve(directory, plain);
    let isFile: boolean;
    try {
      isFile = statSync(file).isFile();
    } catch {
      if (!options.allowMissing) return undefined;
      continue;
    }
    if (!isFile) return undefined;
    files.add(file);
  }
  return [...files].sort();
}

function rootPattern(inputName: string, written: string, directory: string): RootedPattern {
  let pattern = written;
  let negate = false;
  while (pattern.startsWith('!')) {
    negate = !negate;
    pattern = pattern.slice(1).trim();
  }
  pattern = pattern.replace(/^\.\//, ''); // `./src` means `src`; @actions/glob would root `.` at process.cwd()
  // @actions/glob refuses these too, but its message shows the rooted pattern rather than the one written.
  if (pattern.split(/[\\/]/).some((segment) => segment === '.' || segment === '..')) {
    throw new ConfigurationError(
      `${inputName}: ${quoteValue(written)} contains a '.' or '..' segment; write the path from ${directory} without them, or an absolute path`,
    );
  }
  const alternatives = expandBraces(pattern, MAX_ALTERNATIVES);
  if (alternatives === undefined) {
    throw new ConfigurationError(
      `${inputName}: ${quoteValue(written)} has {a,b} groups that expand to more than ${MAX_ALTERNATIVES} patterns; write fewer`,
    );
  }
  const root = (glob: string): string =>
    isAbsolute(glob) || glob === '~' || glob.startsWith('~/') ? glob : `${globEscape(directory)}${sep}${glob}`;
  return { written, negate, rooted: alternatives.map(root) };
}

// The directory is a literal path: escape what @actions/glob would read as wildcards, as its own globEscape does.
function globEscape(path: string): string {
  return (process.platform === 'win32' ? path : path.replace(/\\/g, '\\\\'))
    .replace(/(\[)(?=[^/]+\])/g, '[[]')
    .replace(/\?/g, '[?]')
    .replace(/\*/g, '[*]');
}
