// Loads the two files that shape the policy: the ignore file (suppressions) and the baseline (an earlier report).
import { ConfigurationError } from '@actions-kit/core';
import { parseBaseline, parseSuppressionsYaml, type Baseline, type Suppression } from '@actions-kit/findings';
import { InputError, findJsonSyntaxError, readInputFile, utf8BomLength } from '@actions-kit/reports';
import type { InputFile } from './inputs.js';

/** The ignore file's entries, and its warnings (a reason a comment cut short), each starting 'ignore-file: '. */
export async function loadSuppressions(
  ignoreFile: InputFile,
): Promise<{ suppressions: Suppression[]; warnings: string[] }> {
  const warnings: string[] = [];
  try {
    const bytes = readInputFile(ignoreFile.file, ignoreFile.displayPath);
    const text = bytes.toString('utf8', utf8BomLength(bytes));
    const suppressions = await parseSuppressionsYaml(text, ignoreFile.displayPath, (warning) =>
      warnings.push(`ignore-file: ${warning}`),
    );
    return { suppressions, warnings };
  } catch (error) {
    throw inInput('ignore-file', error);
  }
}

export function loadBaseline(baseline: InputFile): Baseline {
  let bytes: Buffer;
  try {
    bytes = readInputFile(baseline.file, baseline.displayPath);
  } catch (error) {
    throw inInput('baseline', error);
  }
  // The report this action writes has no byte order mark, but an editor or a download may add one.
  const start = utf8BomLength(bytes);
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8', start));
  } catch {
    const offset = findJsonSyntaxError(bytes, start)?.offset;
    const where = offset === undefined ? '' : ` at byte ${offset}`;
    throw new ConfigurationError(
      `baseline: ${baseline.displayPath}: not valid JSON${where}; point baseline at the JSON report (report-output) of an earlier run`,
    );
  }
  try {
    return parseBaseline(doc, baseline.displayPath);
  } catch (error) {
    throw inInput('baseline', error);
  }
}

/** A mistake in the file becomes one in the input that named it; anything else is a bug and is rethrown as it is. */
function inInput(input: string, error: unknown): unknown {
  return error instanceof InputError ? new ConfigurationError(`${input}: ${error.message}`) : error;
}
