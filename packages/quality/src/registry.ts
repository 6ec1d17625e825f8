// The quality reader families, each in the order detection tries its members: a format is added by its file and a
// line here. Nothing else changes: the `name:` prefix, the "Supported: …" message and detection come from the lists.
import { checkstyleReader } from './checkstyle.js';
import { cloverReader } from './clover.js';
import { coberturaReader } from './cobertura.js';
import { istanbulFinalReader } from './istanbul-final.js';
import { istanbulSummaryReader } from './istanbul-summary.js';
import { eslintReader } from './eslint.js';
import { jacocoReader } from './jacoco.js';
import { junitReader } from './junit.js';
import { lcovReader } from './lcov.js';
import type { CoverageReader, LintReader, TestReader } from './quality-reader.js';
import { sarifReader } from './sarif.js';

export const COVERAGE_READERS: readonly CoverageReader[] = [
  lcovReader,
  coberturaReader,
  cloverReader,
  jacocoReader,
  istanbulFinalReader,
  istanbulSummaryReader,
];

export const TEST_READERS: readonly TestReader[] = [junitReader];

/** SARIF last: any tool writes it, so the formats of one tool are named first in messages. */
export const LINT_READERS: readonly LintReader[] = [eslintReader, checkstyleReader, sarifReader];
