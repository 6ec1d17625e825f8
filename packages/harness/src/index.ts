// Public surface of the harness: run a bundled action as GitHub's runner does, the parsers behind it, and the
// one reader of action.yml the repository's tools share.
export { runBundledAction } from './run-bundled-action.js';
export type { RunOptions, RunResult, StepResult } from './run-bundled-action.js';
export { parseWorkflowCommands, unescapeData, unescapeProperty } from './workflow-commands.js';
export type { Annotation, ParseOptions, WorkflowCommandRecord } from './workflow-commands.js';
export { FileCommandFormatError, parseFileCommands, parsePathFile } from './file-commands.js';
export type { FileCommandEntry } from './file-commands.js';
export { HARNESS_GITHUB_TOKEN, inputEnvName, inputEnvironment } from './input-env.js';
export {
  ActionManifestError,
  BundleMissingError,
  parseActionManifest,
  parseActionMetadata,
  readActionManifest,
} from './action-manifest.js';
export type { ActionInput, ActionManifest, ActionMetadata, ActionOutput } from './action-manifest.js';
export { findActionFiles } from './action-folders.js';
export { parsePostCondition, shouldRunPost } from './post-condition.js';
export type { PostCondition, StepOutcome } from './post-condition.js';
export { RUNNER_CANCELLATION_DELAYS } from './step-process.js';
export type { CancellationDelays, SignalSent } from './step-process.js';
export { node24Path } from './node24.js';
