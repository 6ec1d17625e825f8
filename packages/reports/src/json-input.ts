// Turns what goes wrong reading a JSON report (bad syntax, a truncated file, nesting too deep) into an InputError that
// names the file, the byte (and line and column when the bytes are at hand) and what to check.
import { InputError } from './input-error.js';
import { utf8BomLength } from './input-file.js';
import {
  JsonNestingError,
  JsonSyntaxError,
  MAX_JSON_DEPTH,
  findJsonSyntaxError,
  findTooDeep,
  lineAndColumn,
} from './json-syntax.js';

/** JSON.parse with a BOM allowed and errors located in bytes (V8's messages have no byte offset). */
export function parseJsonBytes(bytes: Buffer, file: string): unknown {
  const start = utf8BomLength(bytes);
  try {
    return JSON.parse(bytes.toString('utf8', start));
  } catch (error) {
    if (error instanceof RangeError) throw new InputError(file, 'the JSON is nested too deeply to read.');
    const problem = findJsonSyntaxError(bytes, start) ?? new JsonSyntaxError(start, 'invalid JSON');
    throw syntaxError(file, problem, bytes);
  }
}

/** Runs a scan of `file` (see scanJson), turning its syntax and size errors into InputErrors that name the file. */
export function guardJsonScan<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw syntaxError(file, error);
    if (error instanceof JsonNestingError) throw nestingError(file, error);
    if (error instanceof RangeError) throw new InputError(file, `the report could not be read: ${error.message}.`);
    throw error;
  }
}

/**
 * Refuses a document held in memory (from `start`) that nests deeper than MAX_JSON_DEPTH, with the message a
 * streamed read of it (scanJson with maxDepth MAX_JSON_DEPTH, see guardJsonScan) gives.
 */
export function refuseDeepNesting(bytes: Buffer, file: string, start = utf8BomLength(bytes)): void {
  const offset = findTooDeep(bytes, MAX_JSON_DEPTH, start);
  if (offset !== undefined) throw nestingError(file, new JsonNestingError(offset, MAX_JSON_DEPTH));
}

function nestingError(file: string, error: JsonNestingError): InputError {
  return new InputError(
    file,
    `the JSON nests objects and arrays more than ${error.maxDepth} levels deep (at byte ${error.offset}); reports ` +
      'are read to that depth (real ones stay under 30), as deeper nesting takes many times its size in memory. ' +
      'The file is damaged or is not a report: check that it is the JSON the scanner wrote.',
    error.offset,
  );
}

function syntaxError(file: string, error: JsonSyntaxError, bytes?: Uint8Array): InputError {
  const where = bytes ? lineAndColumn(bytes, error.offset) : undefined;
  const position = `at byte ${error.offset}${where ? ` (line ${where.line}, column ${where.column})` : ''}`;
  const hint = error.problem.startsWith('unexpected end of input')
    ? ' The report looks truncated: check that the scanner finished and the disk was not full.'
    : ' Check that the file holds only the JSON report (no log lines or progress output around it).';
  return new InputError(file, `not valid JSON: ${error.problem} ${position}.${hint}`, error.offset);
}
