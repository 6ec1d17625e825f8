// Reads a unified diff (git diff, diff -u) into the lines each file gained, numbered as in the new version: the
// "changed lines" the new.* metrics and the annotations are about. Tolerant of what real diffs hold: hunks cut short,
// renames, new and deleted files, binary files, "\ No newline at end of file", quoted paths, a diff without a/ b/.

/** How a file changed; a rename with edits is 'renamed' and has added lines too. */
export type FileChange = 'added' | 'modified' | 'renamed' | 'deleted';

export interface DiffFile {
  /** Path in the new version ('' never: a deleted file keeps its old path here). */
  path: string;
  /** Path in the old version, when it differs (a rename). */
  previousPath?: string;
  change: FileChange;
  binary: boolean;
  /** Line numbers (new side, 1-based, ascending) that were added or changed. */
  addedLines: number[];
}

export interface ParsedDiff {
  files: DiffFile[];
  /** Hunks that ended before the line counts of their header were reached (a cut or hand-edited diff). */
  truncatedHunks: number;
}

/** The changed lines per path (new side), for the files that still exist and gained lines. */
export type ChangedLines = ReadonlyMap<string, ReadonlySet<number>>;

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
const GIT_HEADER = /^diff --git /;

interface OpenFile {
  file: DiffFile;
  /** The file came with a `diff --git` header, so its ---/+++ paths carry a/ and b/ prefixes. */
  git: boolean;
}

interface OpenHunk {
  nextNewLine: number;
  oldLeft: number;
  newLeft: number;
}

export function parseUnifiedDiff(text: string): ParsedDiff {
  const files: DiffFile[] = [];
  let truncatedHunks = 0;
  let current: OpenFile | undefined;
  let hunk: OpenHunk | undefined;

  const startFile = (git: boolean, path = ''): OpenFile => {
    const file: DiffFile = { path, change: 'modified', binary: false, addedLines: [] };
    files.push(file);
    return { file, git };
  };

  for (const line of text.split(/\r?\n/)) {
    if (hunk) {
      if (readHunkLine(hunk, line, current!.file)) {
        if (hunk.oldLeft <= 0 && hunk.newLeft <= 0) hunk = undefined;
        continue;
      }
      // A line that cannot belong to a hunk while the header's counts are not reached: the hunk was cut short.
      truncatedHunks++;
      hunk = undefined;
    }
    if (GIT_HEADER.test(line)) {
      current = startFile(true, gitHeaderPath(line));
      continue;
    }
    const hunkHeader = HUNK_HEADER.exec(line);
    if (hunkHeader && current) {
      hunk = {
        nextNewLine: Number(hunkHeader[3]),
        oldLeft: hunkHeader[2] === undefined ? 1 : Number(hunkHeader[2]),
        newLeft: hunkHeader[4] === undefined ? 1 : Number(hunkHeader[4]),
      };
      if (hunk.oldLeft <= 0 && hunk.newLeft <= 0) hunk = undefined;
      continue;
    }
    if (line.startsWith('--- ')) {
      // Plain `diff -u` output has no `diff --git` line: `---` starts the file. In a git diff it follows the header.
      if (!current || !current.git || current.file.addedLines.length > 0 || sawOldPath(current)) {
        current = startFile(false);
      }
      const old = pathOf(line.slice(4), current.git ? 'a/' : undefined);
      if (old === undefined) current.file.change = 'added';
      else current.file.previousPath = old;
      continue;
    }
    if (line.startsWith('+++ ') && current) {
      let added = pathOf(line.slice(4), current.git ? 'b/' : undefined);
      if (!current.git && hasGitPrefixes(current.file.previousPath, added)) {
        // git's a/ and b/ without its header (a diff cut out of a larger one, or another tool copying git's form).
        if (current.file.previousPath !== undefined) current.file.previousPath = current.file.previousPath.slice(2);
        if (added !== undefined) added = added.slice(2);
      }
      if (added === undefined) {
        current.file.change = 'deleted';
        current.file.path = current.file.previousPath ?? current.file.path;
      } else {
        current.file.path = added;
      }
      continue;
    }
    if (!current) continue;
    readExtendedHeader(current.file, line);
  }
  if (hunk) truncatedHunks++;

  for (const file of files) finishFile(file);
  return { files: files.filter((file) => file.path !== ''), truncatedHunks };
}

/** The added lines of every file that exists after the change, by its new path. */
export function changedLines(diff: ParsedDiff): Map<string, Set<number>> {
  const changed = new Map<string, Set<number>>();
  for (const file of diff.files) {
    if (file.change === 'deleted' || file.addedLines.length === 0) continue;
    const lines = changed.get(file.path) ?? new Set<number>();
    for (const line of file.addedLines) lines.add(line);
    changed.set(file.path, lines);
  }
  return changed;
}

/** Keeps the files under `folder` (a path relative to the diff's root, '' for all) with their paths made relative to it. */
export function relativeTo(diff: ParsedDiff, folder: string): ParsedDiff {
  if (folder === '') return diff;
  const prefix = `${folder.replace(/\/+$/, '')}/`;
  const files = diff.files
    .filter((file) => file.path.startsWith(prefix))
    .map((file) => ({
      ...file,
      path: file.path.slice(prefix.length),
      ...(file.previousPath !== undefined && { previousPath: file.previousPath.replace(prefix, '') }),
    }));
  return { files, truncatedHunks: diff.truncatedHunks };
}

/** Reads one line of an open hunk; false when the line cannot be part of a hunk. */
function readHunkLine(hunk: OpenHunk, line: string, file: DiffFile): boolean {
  const marker = line[0];
  if (marker === '+') {
    if (hunk.newLeft <= 0) return false;
    file.addedLines.push(hunk.nextNewLine++);
    hunk.newLeft--;
    return true;
  }
  if (marker === '-') {
    if (hunk.oldLeft <= 0) return false;
    hunk.oldLeft--;
    return true;
  }
  // An empty line is a context line whose leading space an editor or a mail client took away.
  if (marker === ' ' || line === '') {
    if (hunk.oldLeft <= 0 || hunk.newLeft <= 0) return false;
    hunk.nextNewLine++;
    hunk.oldLeft--;
    hunk.newLeft--;
    return true;
  }
  return marker === '\\'; // "\ No newline at end of file"
}

function readExtendedHeader(file: DiffFile, line: string): void {
  if (line.startsWith('new file mode')) file.change = 'added';
  else if (line.startsWith('deleted file mode')) file.change = 'deleted';
  else if (line.startsWith('rename from ')) {
    file.previousPath = unquote(line.slice('rename from '.length));
    file.change = 'renamed';
  } else if (line.startsWith('rename to ')) {
    file.path = unquote(line.slice('rename to '.length));
    file.change = 'renamed';
  } else if (line.startsWith('Binary files ') || line === 'GIT binary patch') file.binary = true;
}

function finishFile(file: DiffFile): void {
  if (file.previousPath === file.path) delete file.previousPath;
  if (file.previousPath !== undefined && file.change === 'modified') file.change = 'renamed';
  file.addedLines.sort((a, b) => a - b);
}

function hasGitPrefixes(old: string | undefined, added: string | undefined): boolean {
  if (old === undefined && added === undefined) return false;
  return (old === undefined || old.startsWith('a/')) && (added === undefined || added.startsWith('b/'));
}

function sawOldPath(open: OpenFile): boolean {
  return open.file.previousPath !== undefined && open.file.change !== 'renamed';
}

/**
 * The path of a ---/+++ line, undefined for /dev/null. A tab ends the path (diff -u puts a date after it); git's
 * a/ and b/ prefixes are taken off when the file came with a `diff --git` header.
 */
function pathOf(text: string, gitPrefix: string | undefined): string | undefined {
  const raw = text.startsWith('"') ? unquote(text) : text.split('\t')[0]!.trimEnd();
  if (raw === '/dev/null') return undefined;
  if (gitPrefix !== undefined && raw.startsWith(gitPrefix)) return raw.slice(gitPrefix.length);
  return raw.replace(/^\.\//, '');
}

/** The new path a `diff --git a/x b/x` line gives, for a file whose diff has no ---/+++ lines (binary, mode only). */
function gitHeaderPath(line: string): string {
  const rest = line.slice('diff --git '.length);
  if (rest.startsWith('"')) {
    const quoted = /^"(?:[^"\\]|\\.)*" (.*)$/.exec(rest);
    return stripPrefix(unquote(quoted?.[1] ?? ''), 'b/');
  }
  // Unquoted paths may hold spaces; when both sides name the same file, the line is "a/<p> b/<p>".
  const half = (rest.length - 1) / 2;
  if (Number.isInteger(half) && rest.slice(2, half) === rest.slice(half + 3)) return rest.slice(half + 3);
  const split = rest.lastIndexOf(' b/');
  return split < 0 ? '' : rest.slice(split + 3);
}

function stripPrefix(path: string, prefix: string): string {
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

const C_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '"': '"',
  '\\': '\\',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
};

/** Undoes git's C-style quoting of a path ("a/caf\303\251.txt"); an unquoted path is returned trimmed. */
export function unquote(text: string): string {
  const trimmed = text.trim();
  if (!trimmed.startsWith('"') || !trimmed.endsWith('"') || trimmed.length < 2) return trimmed;
  const body = trimmed.slice(1, -1);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else {
      bytes.push(...Buffer.from(C_ESCAPES[next] ?? next, 'utf8'));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
