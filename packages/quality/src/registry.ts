// The quality reader families, each in the order detection tries its members: a format is added by its file and a
// line here. Nothing else changes: the `name:` prefix, the "Supported: …" message and detection come from the lists.
import { cloverReader } from './clover.js';
import { coberturaReader } from './cobertura.js';
import { istanbulFinalReader } from './istanbul-final.js';
import { istanbulSummaryReader } from './istanbul-summary.js';
import { jacocoReader } from './jacoco.js';
import { lcovReader } from './lcov.js';
import type { CoverageReader } from './quality-reader.js';

export const COVERAGE_READERS: readonly CoverageReader[] = [
  lcovReader,
  coberturaReader,
  cloverReader,
  jacocoReader,
  istanbulFinalReader,
  istanbulSummaryReader,
];
