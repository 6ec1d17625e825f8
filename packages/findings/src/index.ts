// Public API of @actions-kit/findings, as the security-scan action uses it: read security reports (on several threads
// when they are large), analyse them (de-duplicate, suppress, compare with a baseline, decide), and write the SARIF
// file and the JSON report. Pure: no @actions/* import. The package's own tests import its modules directly.
export {
  SEVERITIES,
  findingRecord,
  packageInfo,
  type Category,
  type Finding,
  type FindingRecord,
  type Severity,
} from './model.js';
export type { ReaderName } from './finding-reader.js';
export { READER_NAMES } from './registry.js';
export { parseReportSpec } from './choose-reader.js';
export { readReportBytes, type ReportFile } from './read-report-file.js';
export { PARALLEL_READ_MIN_BYTES, isReportReadWorker, readReportFiles, serveReportReads } from './parallel-read.js';
export { parseSuppressionsYaml, type Suppression } from './suppressions.js';
export { parseBaseline, type Baseline } from './baseline.js';
export { FAIL_ON_VALUES, isFailOn, type FailOn, type Policy, type PolicyResult } from './policy.js';
export { analyse, type Analysis } from './analyse.js';
export { SARIF_LIMITS, buildSarif, serializeSarif, type DroppedResults } from './sarif-writer.js';
export { buildReport, failedFileEntry, fileEntry, serializeReport, type ReportFileEntry } from './json-report.js';
export { writeChunks } from './write-chunks.js';
