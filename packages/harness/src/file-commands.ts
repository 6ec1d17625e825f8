// Reads the files an action writes to GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV and GITHUB_PATH, as the runner does.
// Pure: text in, entries out. Modelled on actions/runner src/Runner.Worker/FileCommandManager.cs
// (EnvFileKeyValuePairs and AddPathFileCommand), on Linux, where only '\n' ends a line.

export interface FileCommandEntry {
  name: string;
  value: string;
}

/**
 * A file the runner would reject part-way. The runner applies the entries it read before the bad line, then
 * reports the error and fails the step, so they travel with the error.
 */
export class FileCommandFormatError extends Error {
  constructor(
    message: string,
    readonly entriesBeforeError: FileCommandEntry[],
  ) {
    super(message);
    this.name = 'FileCommandFormatError';
  }
}

interface LineRead {
  line: string;
  /** The line ending that followed, or undefined at the end of the text without one. */
  newline: '\n' | undefined;
}

function readLine(text: string, index: number): { read: LineRead | undefined; next: number } {
  if (index >= text.length) return { read: undefined, next: index };
  const lf = text.indexOf('\n', index);
  if (lf < 0) return { read: { line: text.slice(index), newline: undefined }, next: text.length };
  return { read: { line: text.slice(index, lf), newline: '\n' }, next: lf + 1 };
}

/**
 * `name=value` lines and heredocs (`name<<DELIMITER`, value lines, a line that is exactly `DELIMITER`). Empty
 * lines are skipped; whichever of '=' and '<<' comes first decides the form. The runner's messages are kept.
 */
export function parseFileCommands(text: string): FileCommandEntry[] {
  const entries: FileCommandEntry[] = [];
  const fail = (message: string): never => {
    throw new FileCommandFormatError(message, entries);
  };
  let index = 0;
  for (;;) {
    const { read, next } = readLine(text, index);
    index = next;
    if (!read) break;
    const { line } = read;
    if (line === '') continue;

    const equals = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
      // The runner means to reject an empty name here but tests the whole line instead, so `=value` is
      // accepted with the name ''. We do the same.
      entries.push({ name: line.slice(0, equals), value: line.slice(equals + 1) });
    } else if (heredoc >= 0) {
      const name = line.slice(0, heredoc);
      const delimiter = line.slice(heredoc + 2);
      if (name === '' || delimiter === '') {
        fail(`Invalid format '${line}'. Name must not be empty and delimiter must not be empty`);
      }
      const valueStart = index;
      let valueEnd = index;
      for (;;) {
        const value = readLine(text, index);
        index = value.next;
        if (!value.read) fail(`Invalid value. Matching delimiter not found '${delimiter}'`);
        const { line: valueLine, newline } = value.read!;
        if (valueLine === delimiter) break;
        if (newline === undefined) fail('Invalid value. EOF marker missing new line.');
        valueEnd = index - 1;
      }
      entries.push({ name, value: valueEnd > valueStart ? text.slice(valueStart, valueEnd) : '' });
    } else {
      fail(`Invalid format '${line}'`);
    }
  }
  return entries;
}

/** Later entries win, as they do when the runner sets them one after another. */
export function entriesToRecord(entries: readonly FileCommandEntry[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (const { name, value } of entries) record[name] = value;
  return record;
}

/**
 * GITHUB_PATH: one directory a line (File.ReadAllLines, so '\r\n' and '\r' end lines too), empty lines skipped;
 * a directory added again moves to the end. The runner prepends them to PATH last-added first.
 */
export function parsePathFile(text: string): string[] {
  const directories: string[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (const line of lines) {
    if (line === '') continue;
    const existing = directories.indexOf(line);
    if (existing >= 0) directories.splice(existing, 1);
    directories.push(line);
  }
  return directories;
}
