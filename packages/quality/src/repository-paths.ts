// Maps the many ways reports spell a source file (Windows separators, './', runner-absolute paths, paths from another
// machine, Cobertura source roots, JaCoCo package paths, stack-trace file names) to one path relative to the root,
// so that diff coverage and annotations land on the right lines.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RepoPath } from './model.js';

/** Folders never searched when a path is looked for by its ending: dependencies and VCS data, never project sources. */
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', '.hg', '.svn']);

/** The most files indexed when a path is looked for by its ending, so a huge checkout cannot make a read crawl. */
const MAX_INDEXED_FILES = 500_000;

/** '/abs', 'C:/abs' or '//server/share' (after backslashes became slashes). */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:\//.test(path);
}

/** Forward slashes, no './' segments at the start, no doubled or trailing slashes. */
export function slashed(raw: string): string {
  let path = raw.trim().replaceAll('\\', '/');
  const unc = path.startsWith('//') ? '/' : '';
  path = unc + path.replace(/\/{2,}/g, '/');
  while (path.startsWith('./')) path = path.slice(2);
  path = path.replaceAll('/./', '/');
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

export class RepositoryPaths {
  private readonly root: string;
  private readonly prefixes: string[];
  private index: Map<string, string[]> | undefined;
  private readonly mapped = new Map<string, RepoPath>();

  /**
   * `root`: absolute directory paths are made relative to (and searched under for paths from another machine).
   * `stripPrefixes`: removed from the start of report paths before anything else (the path-prefix-strip input).
   */
  constructor(root: string, stripPrefixes: readonly string[] = []) {
    this.root = slashed(root);
    // Longest first, so '/app/src/' wins over '/app/' when both are given.
    this.prefixes = stripPrefixes
      .map((prefix) => slashed(prefix))
      .filter((prefix) => prefix !== '' && prefix !== '.')
      .sort((a, b) => b.length - a.length);
  }

  /** The root, with forward slashes. */
  get rootDirectory(): string {
    return this.root;
  }

  /**
   * A report's path as a repository path. In order: separators and './' normalised; a strip prefix removed; an
   * absolute path under the root made relative to it; an absolute path from elsewhere (another machine, a container)
   * replaced by the longest ending of it that names a file under the root. A path none of these apply to is kept
   * normalised (an absolute path then stays absolute: it lies outside the repository).
   */
  map(raw: string): RepoPath {
    const known = this.mapped.get(raw);
    if (known !== undefined) return known;
    const path = this.mapUncached(raw);
    this.mapped.set(raw, path);
    return path;
  }

  private mapUncached(raw: string): RepoPath {
    const path = slashed(raw);
    const stripped = this.strip(path);
    if (stripped !== undefined) return stripped;
    if (!isAbsolutePath(path)) return path;
    const underRoot = this.relativeToRoot(path);
    if (underRoot !== undefined) return underRoot;
    return this.findByEnding(path.split('/').filter((segment) => segment !== '' && !segment.endsWith(':'))) ?? path;
  }

  /** The path with the first strip prefix it starts with removed (at a segment boundary), else undefined. */
  private strip(path: string): RepoPath | undefined {
    for (const prefix of this.prefixes) {
      if (prefix.endsWith('/') ? path.startsWith(prefix) : path.startsWith(`${prefix}/`)) {
        return slashed(path.slice(prefix.length).replace(/^\/+/, ''));
      }
    }
    return undefined;
  }

  private relativeToRoot(path: string): RepoPath | undefined {
    // Drive letters compare without case: runners write both 'D:\a' and 'd:/a'.
    const sameCase = /^[A-Za-z]:\//.test(path) ? (s: string) => s.toLowerCase() : (s: string) => s;
    const root = sameCase(this.root);
    const candidate = sameCase(path);
    if (candidate === root) return '.';
    const base = root.endsWith('/') ? root : `${root}/`;
    return candidate.startsWith(base) ? path.slice(base.length) : undefined;
  }

  /**
   * The repository file whose path ends with the longest tail of `segments` (at least the file name): for
   * '/home/ci/build/app/src/a.ts', 'app/src/a.ts' if that file exists, else 'src/a.ts', else 'a.ts'. When several
   * files end the same way, `near` (a repository path, e.g. the report's own folder) picks the one sharing the most
   * leading folders with it; with no such tie-break the tail is ambiguous and undefined is returned.
   */
  findByEnding(segments: readonly string[], near?: string): RepoPath | undefined {
    for (let start = 0; start < segments.length; start++) {
      const found = this.findEndingWith(segments.slice(start).join('/'), near);
      if (found !== 'none') return found;
    }
    return undefined;
  }

  /**
   * The repository file whose path is `tail` or ends with '/' + `tail` (JaCoCo's package path and file name, a
   * stack frame's class path): 'none' when there is none, undefined when several match and `near` does not pick one.
   */
  findEndingWith(tail: string, near?: string): RepoPath | undefined | 'none' {
    const candidates = this.files().get(tail.slice(tail.lastIndexOf('/') + 1));
    const matches = candidates?.filter((file) => file === tail || file.endsWith(`/${tail}`)) ?? [];
    if (matches.length === 0) return 'none';
    if (matches.length === 1) return matches[0];
    return near === undefined ? undefined : closest(matches, near);
  }

  /** Whether `path` (relative to the root) names a file, from the same index findByEnding searches. */
  exists(path: RepoPath): boolean {
    const name = path.slice(path.lastIndexOf('/') + 1);
    return this.files().get(name)?.includes(path) ?? false;
  }

  /** File name → repository paths of every file under the root, built once, on first need. */
  private files(): Map<string, string[]> {
    if (this.index) return this.index;
    const index = new Map<string, string[]>();
    let count = 0;
    const walk = (folder: string, prefix: string) => {
      let entries;
      try {
        entries = readdirSync(folder, { withFileTypes: true });
      } catch {
        return; // an unreadable folder holds nothing we can map to
      }
      for (const entry of entries) {
        if (count >= MAX_INDEXED_FILES) return;
        if (entry.isDirectory()) {
          if (!SKIPPED_FOLDERS.has(entry.name)) walk(join(folder, entry.name), `${prefix}${entry.name}/`);
        } else if (entry.isFile()) {
          count++;
          const list = index.get(entry.name);
          if (list) list.push(`${prefix}${entry.name}`);
          else index.set(entry.name, [`${prefix}${entry.name}`]);
        }
      }
    };
    walk(this.root, '');
    this.index = index;
    return index;
  }
}

/** The match sharing the most leading folders with `near`; undefined when two share the most. */
function closest(matches: readonly string[], near: string): string | undefined {
  const nearSegments = near.split('/');
  const shared = (file: string) => {
    const segments = file.split('/');
    let n = 0;
    while (n < segments.length && segments[n] === nearSegments[n]) n++;
    return n;
  };
  const scored = matches.map((file) => ({ file, score: shared(file) })).sort((a, b) => b.score - a.score);
  return scored.length > 1 && scored[0]!.score === scored[1]!.score ? undefined : scored[0]!.file;
}
