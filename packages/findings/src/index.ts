// Public API of @actions-kit/findings: security report readers, one finding model, fingerprints, de-duplication,
// suppressions, baseline, policy, and the SARIF and JSON report writers. Pure: no @actions/* import.
export * from './model.js';
export type { ReaderName, ReadContext, ReadResult, ReportReader, StreamRead } from './reader.js';
export { StreamContextChanged } from './reader.js';
export { trivyReader, canonicalCheckId } from './trivy.js';
export { banditReader } from './bandit.js';
export { gitleaksReader, maskSecret } from './gitleaks.js';
export { sarifReader, formatMessage } from './sarif-reader.js';
export {
  READERS,
  READER_NAMES,
  readerByName,
  parseReportSpec,
  chooseReader,
  isEmptyReport,
  describeDocument,
} from './detect.js';
export {
  compareSeverity,
  atLeast,
  maxSeverity,
  isSeverity,
  cvssSeverity,
  trivyVulnerabilitySeverity,
  trivySeverity,
  banditSeverity,
  securitySeverity,
  levelSeverity,
  severityLevel,
  GITLEAKS_SEVERITY,
  SECURITY_SEVERITY_SCORE,
} from './severity.js';
export { fingerprintRecords, contentBasis, normaliseSnippet, digest } from './fingerprint.js';
export { dedupe, orderBySeverity } from './dedupe.js';
export {
  parseSuppressions,
  parseSuppressionsYaml,
  applySuppressions,
  isExpired,
  type Suppression,
  type ExpiredSuppression,
  type SuppressionOutcome,
} from './suppressions.js';
export { parseBaseline, compareWithBaseline, type Baseline, type BaselineFinding } from './baseline.js';
export {
  FAIL_ON_VALUES,
  isFailOn,
  countFindings,
  evaluatePolicy,
  type FailOn,
  type FailOnScope,
  type Policy,
  type Counts,
  type PolicyResult,
} from './policy.js';
export {
  buildSarif,
  serializeSarif,
  SARIF_LIMITS,
  SARIF_SCHEMA_URI,
  type SarifWriteOptions,
  type SarifWriteResult,
  type SarifLog,
  type SarifPlan,
  type SarifRunPlan,
  type DroppedResults,
} from './sarif-writer.js';
export {
  buildReport,
  serializeReport,
  fileEntry,
  failedFileEntry,
  REPORT_SCHEMA_VERSION,
  reportFinding,
  sourceReference,
  type JsonReport,
  type Report,
  type ReportFinding,
  type ReportFileEntry,
  type ReportParts,
} from './report.js';
export { analyse, type AnalyseOptions, type Analysis } from './analyse.js';
export {
  readReportFile,
  readReportBytes,
  writeChunks,
  DEFAULT_STREAM_THRESHOLD,
  type ReadReportOptions,
  type ReportFile,
} from './report-files.js';
export {
  readReportFiles,
  assignToThreads,
  isReportReadWorker,
  serveReportReads,
  PARALLEL_READ_MIN_BYTES,
  type ReadJob,
  type ReadOutcome,
  type ParallelRead,
  type ParallelReadOptions,
} from './parallel-read.js';
export { InputError } from './input-error.js';
export { JsonSyntaxError, findJsonSyntaxError } from './json-syntax.js';
export {
  scanJson,
  bufferSource,
  type ScanPlan,
  type ScanAction,
  type ElementMapper,
  type ByteSource,
  type PathSegment,
} from './json-scanner.js';
