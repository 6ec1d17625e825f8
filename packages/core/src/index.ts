// Public surface of the core package: what every action's entry point and main need.
export { runAction } from './run-action.js';
export type { ProcessLike, RunActionOptions } from './run-action.js';
export { ConfigurationError, UserError, quoteValue } from './errors.js';
export { actionInputs, getBoolean, getDuration, getEnum, getInteger, getList, getString } from './inputs.js';
export {
  ACCEPTED,
  MAX_DURATION_MS,
  parseBoolean,
  parseDuration,
  parseEnum,
  parseInteger,
  parseLines,
  parseList,
} from './input-parsers.js';
export type { Bounds } from './input-parsers.js';
export { agree, countOf, groupDigits } from './counting.js';
export { formatDuration, humanDuration } from './duration.js';
export { resolveGlobs } from './globs.js';
export {
  escapeData,
  escapeHtml,
  escapeMarkdown,
  escapeProperty,
  mayBeReadAsCommand,
  neutralizeMentions,
  printLine,
  printUntrusted,
} from './safe-output.js';
export { AnnotationBudget, printAnnotation } from './annotations.js';
export type { Annotation, AnnotationLevel, AnnotationPrinter, AnnotationProperties } from './annotations.js';
export { SUMMARY_LIMIT_BYTES, SummaryBuilder, oneLine } from './summary.js';
export type { TableCell, TableOptions } from './summary.js';
export { restoreInputs, saveInputs } from './state.js';
export { watchCancellation } from './cancellation.js';
export { stepRunner } from './step-runner.js';
export type { StepRunner } from './step-runner.js';
export type { CancellationWatch } from './cancellation.js';
export { debug, error, getState, info, isDebug, saveState, setOutput, setSecret, warning } from './runner.js';
