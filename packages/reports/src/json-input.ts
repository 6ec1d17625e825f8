// Turns what goes wrong reading a JSON report (bad syntax, a truncated file, nesting too deep) into an InputError that
// names the file, the byte (and line and column when the bytes are at hand) and what to check.
import { InputError } from './input-error.js';
import { JsonSyntaxError, findJsonSyntaxError, lineAndColumn } from './json-syntax.js';

/** JSON.parse with a BOM allowed and errors located in bytes (V8's messages have no byte offset). */
export function parseJsonBytes(bytes: Buffer, file: string): unknown {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
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
    if (error instanceof RangeError) throw new InputError(file, `the report could not be read: ${error.message}.`);
    throw error;
  }
}

function syntaxError(file: string, error: JsonSyntaxError, bytes?: Uint8Array): InputError {
  const where = bytes ? lineAndColumn(bytes, error.offset) : undefined;
  const position = `at byte ${error.offset}${where ? ` (line ${where.line}, column ${where.column})` : ''}`;
  const hint = error.problem.startsWith('unexpected end of input')
    ? ' The report looks truncated: check that the scanner finished and the disk was not full.'
    : ' Check that the file holds only the JSON report (no log lines or progress output around it).';
  return new InputError(file, `not valid JSON: ${error.problem} ${position}.${hint}`, error.offset);
}
