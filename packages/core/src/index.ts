// Public surface of the core package: what every action's entry point and main need.
export { runAction } from './run-action.js';
export type { ProcessLike, RunActionOptions } from './run-action.js';
export { ConfigurationError, UserError, quoteValue } from './errors.js';
export { getBoolean, getDuration, getEnum, getInteger, getList, getString } from './inputs.js';
export { parseDuration, parseEnum, parseInteger, parseLines } from './input-parsers.js';
export type { Bounds } from './input-parsers.js';
export { agree, countOf, groupDigits } from './counting.js';
export { formatDuration } from './duration.js';
export { resolveGlobs } from './globs.js';
export { printUntrusted } from './safe-output.js';
export { AnnotationBudget, printAnnotation } from './annotations.js';
export type { Annotation, AnnotationLevel, AnnotationPrinter, AnnotationProperties } from './annotations.js';
export { SUMMARY_LIMIT_BYTES, SummaryBuilder, oneLine } from './summary.js';
export type { TableCell, TableOptions } from './summary.js';
export { restoreInputs, saveInputs } from './state.js';
export { debug, error, getState, info, saveState, setOutput, setSecret, warning } from './runner.js';
