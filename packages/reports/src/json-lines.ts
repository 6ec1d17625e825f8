// Reports written as JSON Lines (one JSON value per line, as TruffleHog prints its results): told apart from one JSON
// document by their first two lines, read one line at a time, errors naming the line.
import { InputError } from './input-error.js';
import { parseJsonBytes } from './json-input.js';

/** A JSON Lines report: each non-blank line's value, with its 1-based line number (for messages and pointers). */
export class JsonLines {
  constructor(
    readonly values: readonly unknown[],
    readonly lineNumbers: readonly number[],
  ) {}
}

const NEWLINE = 0x0a;

/** The end of the line starting at `start` (the index of its '\n', or the end of the bytes). */
function lineEnd(bytes: Uint8Array, start: number): number {
  const end = bytes.indexOf(NEWLINE, start);
  return end < 0 ? bytes.length : end;
}

/** The first non-blank (not space, tab or CR) byte at or after `from`, or -1. */
function firstNonBlank(bytes: Uint8Array, from: number, to = bytes.length): number {
  for (let i = from; i < to; i++) {
    const b = bytes[i]!;
    if (b !== 0x20 && b !== 0x09 && b !== 0x0d && b !== NEWLINE) return i;
  }
  return -1;
}

/**
 * True when `bytes` (from `start`, past any BOM) hold a JSON object on their first line and another line starting
 * with '{' after it: the shape of JSON Lines, which no single JSON document has (a pretty-printed one opens with a
 * line that is not a whole object; a compact one is one line).
 */
export function looksLikeJsonLines(bytes: Uint8Array, start = 0): boolean {
  const first = firstNonBlank(bytes, start);
  if (first < 0 || bytes[first] !== 0x7b) return false;
  const end = lineEnd(bytes, first);
  const next = firstNonBlank(bytes, end);
  if (next < 0 || bytes[next] !== 0x7b) return false;
  try {
    const value: unknown = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + first, end - first).toString());
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/**
 * Parses every non-blank line of a JSON Lines report. A line that is not JSON is an InputError naming the file, the
 * line and the problem; blank lines (and a missing final newline) are allowed.
 */
export function parseJsonLines(bytes: Buffer, file: string, start = 0): JsonLines {
  const values: unknown[] = [];
  const lineNumbers: number[] = [];
  let lineNumber = 0;
  for (let from = start; from < bytes.length;) {
    const end = lineEnd(bytes, from);
    lineNumber++;
    if (firstNonBlank(bytes, from, end) >= 0) {
      try {
        values.push(parseJsonBytes(bytes.subarray(from, end), 'line'));
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        const found = /not valid JSON: (.*?) at byte (\d+)/.exec(error.message);
        const problem = found ? `${found[1]} at column ${Number(found[2]) + 1}` : 'invalid JSON';
        throw new InputError(
          file,
          `line ${lineNumber} is not valid JSON: ${problem}. The file is read as JSON Lines (one JSON object per ` +
            'line, as TruffleHog writes them): check that no log or progress lines were mixed in.',
        );
      }
      lineNumbers.push(lineNumber);
    }
    from = end + 1;
  }
  return new JsonLines(values, lineNumbers);
}
