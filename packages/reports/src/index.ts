// Public API of @actions-kit/reports, as the packages built on it use it: the reader-family interface and choosing a
// member, reading JSON of any size with byte-exact syntax errors, careful report values and paths, the InputError.
export type { ReadContext, ReportReader, StreamRead, Streaming } from './report-reader.js';
export { StreamContextChanged } from './report-reader.js';
export { chooseMember, parseReportSpec, readerNamed } from './choose-reader.js';
export { describeJson } from './describe-json.js';
export { InputError } from './input-error.js';
export {
  openRegularFile,
  otherEncoding,
  readInputFile,
  refuseOtherEncodings,
  specialFileKind,
  utf8BomLength,
} from './input-file.js';
export { bufferSource, fileSource, type ByteSource } from './byte-source.js';
export { scanJson, type ElementMapper, type PathSegment, type ScanPlan } from './json-scanner.js';
export { MAX_JSON_DEPTH, findJsonSyntaxError } from './json-syntax.js';
export { guardJsonScan, parseJsonBytes, refuseDeepNesting } from './json-input.js';
export { JsonLines, looksLikeJsonLines, parseJsonLines } from './json-lines.js';
export { CHUNK_CHARS, joined, jsonString, needsEscaping } from './json-text.js';
export { Interner } from './intern.js';
export {
  NotAnObject,
  isObject,
  jsonType,
  list,
  listOfObjects,
  notAnObject,
  objectAt,
  oneBased,
  positiveInteger,
  text,
} from './report-values.js';
export { joinUri, normalisePath, pathToUri, uriToPath } from './paths.js';
