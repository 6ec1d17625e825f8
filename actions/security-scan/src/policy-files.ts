// Loads the two files that shape the policy: the ignore file (suppressions) and the baseline (an earlier report).
import { readFileSync } from 'node:fs';
import { ConfigurationError } from '@actions-kit/core';
import {
  InputError,
  findJsonSyntaxError,
  parseBaseline,
  parseSuppressionsYaml,
  type Baseline,
  type Suppression,
} from '@actions-kit/findings';
import type { InputFile } from './inputs.js';

export function loadSuppressions(ignoreFile: InputFile): Suppression[] {
  const text = readFileSync(ignoreFile.file, 'utf8');
  return asConfigurationError('ignore-file', () => parseSuppressionsYaml(text, ignoreFile.displayPath));
}

export function loadBaseline(baseline: InputFile): Baseline {
  const bytes = readFileSync(baseline.file);
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch {
    const offset = findJsonSyntaxError(bytes, 0)?.offset;
    const where = offset === undefined ? '' : ` at byte ${offset}`;
    throw new ConfigurationError(
      `baseline: ${baseline.displayPath}: not valid JSON${where}; point baseline at the JSON report (report-output) of an earlier run`,
    );
  }
  return asConfigurationError('baseline', () => parseBaseline(doc, baseline.displayPath));
}

function asConfigurationError<T>(input: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof InputError) throw new ConfigurationError(`${input}: ${error.message}`);
    throw error;
  }
}
