// Public API of @actions-kit/quality: read coverage, test and lint reports of many formats into one model with
// repository-relative paths (see model.ts), and the reader families to extend or list.
export type * from './model.js';
export { readCoverageReports, readLintReports, readTestReports, type ReadOptions } from './read-reports.js';
export { COVERAGE_READERS, LINT_READERS, TEST_READERS } from './registry.js';
export type {
  CoverageReader,
  CoverageReadContext,
  LintReader,
  QualityReadContext,
  TestReader,
} from './quality-reader.js';
export type { ReportDocument } from './report-document.js';
export { RepositoryPaths } from './repository-paths.js';
