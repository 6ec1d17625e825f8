// Runs a bundled node action the way GitHub's runner does: main, then post when action.yml has one and its
// post-if allows, each with fresh file-command files, and reads back everything the runner would.
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readActionManifest } from './action-manifest.js';
import {
  type FileCommandEntry,
  FileCommandFormatError,
  entriesToRecord,
  parseFileCommands,
  parsePathFile,
} from './file-commands.js';
import { inputEnvironment } from './input-env.js';
import { type StepOutcome, parsePostCondition, shouldRunPost } from './post-condition.js';
import { DEFAULT_EVENT, type StepFiles, stepEnvironment } from './runner-environment.js';
import {
  type CancellationDelays,
  RUNNER_CANCELLATION_DELAYS,
  type SignalSent,
  runStepProcess,
} from './step-process.js';
import { type Annotation, applyMasks, parseWorkflowCommands } from './workflow-commands.js';

export interface RunOptions {
  /** Folder holding action.yml. */
  actionDir: string;
  /** By input name as in action.yml; action.yml defaults apply to the rest. An undeclared name is an error. */
  inputs?: Record<string, string>;
  /** What an input defaulting to `${{ github.token }}` gets (default HARNESS_GITHUB_TOKEN, a placeholder). */
  githubToken?: string;
  /** Extra environment, like a step's `env:`; it may override the harness' github-context defaults. */
  env?: Record<string, string>;
  /** GITHUB_EVENT_NAME and the payload behind GITHUB_EVENT_PATH (default: a push to main). */
  event?: { name: string; payload: unknown };
  /** GITHUB_WORKSPACE and the step's working directory (default: a fresh temp dir, removed afterwards). */
  workspace?: string;
  /** Node binary (default: process.execPath). */
  nodePath?: string;
  /** Run the post entry after main when action.yml has one and post-if allows (default true). */
  post?: boolean;
  /** Per step: SIGKILL the process tree and report timedOut after this long (default 60 s). */
  timeoutMs?: number;
  /**
   * What the job's later steps do between this step's main and its post step (a switch, a watch), run once main has
   * ended and before post starts.
   */
  betweenSteps?: (main: StepResult) => Promise<void>;
  /** Deliver the runner's cancellation to main after this long: SIGINT, then SIGTERM, then SIGKILL. */
  cancelAfterMs?: number;
  /** Deliver the runner's cancellation to main when this signal aborts (a job cancelled from outside). */
  cancelSignal?: AbortSignal;
  /** The waits between those signals; default the runner's 7.5 s and 2.5 s. Tests shorten them. */
  cancellationDelays?: CancellationDelays;
}

export interface StepResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  durationMs: number;
  outputs: Record<string, string>;
  state: Record<string, string>;
  /** What the step wrote to GITHUB_ENV. */
  env: Record<string, string>;
  /** What the step wrote to GITHUB_PATH, in file order. */
  path: string[];
  annotations: Annotation[];
  masks: string[];
  debug: string[];
  /** The step summary as GitHub would show it (masks applied; '' when over the runner's 1 MiB limit). */
  summary: string;
  stdout: string;
  stderr: string;
  signalsSent: SignalSent[];
  /** How the runner would judge the step: cancelled when cancellation was delivered, failure on a non-zero
   * exit, a signal, a timeout or a command/file the runner could not process. */
  outcome: StepOutcome;
  /** The harness' timeout ended the step. */
  timedOut: boolean;
  groups: string[];
  /** The log as GitHub shows it: commands consumed, annotations as `##[error]…`, masks applied. */
  log: string[];
}

export interface RunResult extends StepResult {
  post?: StepResult;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/** CreateStepSummaryCommand.AttachmentSizeLimit. */
const SUMMARY_LIMIT_BYTES = 1024 * 1024;

interface RunContext {
  actionDir: string;
  temp: string;
  workspace: string;
  runnerTemp: string;
  eventName: string;
  eventPath: string;
  nodePath: string;
  timeoutMs: number;
  extraEnv: Record<string, string>;
  inputs: Record<string, string>;
}

export async function runBundledAction(options: RunOptions): Promise<RunResult> {
  const actionDir = path.resolve(options.actionDir);
  const manifest = await readActionManifest(actionDir);
  const inputs = inputEnvironment(manifest, options.inputs ?? {}, options.githubToken);
  // Checked before anything runs, so a bad post-if is reported without running main first.
  const postCondition = parsePostCondition(manifest.runs.postIf, manifest.file);

  const temp = await mkdtemp(path.join(os.tmpdir(), 'actions-kit-harness-'));
  try {
    const event = options.event ?? DEFAULT_EVENT;
    const context: RunContext = {
      actionDir,
      temp,
      workspace: options.workspace ? path.resolve(options.workspace) : await makeDir(temp, 'workspace'),
      runnerTemp: await makeDir(temp, 'runner-temp'),
      eventName: event.name,
      eventPath: path.join(temp, 'event.json'),
      nodePath: options.nodePath ?? process.execPath,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      extraEnv: options.env ?? {},
      inputs,
    };
    await writeFile(context.eventPath, JSON.stringify(event.payload, null, 2));

    const main = await runStep(context, 'main', manifest.runs.main, {
      cancelAfterMs: options.cancelAfterMs,
      cancelSignal: options.cancelSignal,
      cancellationDelays: options.cancellationDelays ?? RUNNER_CANCELLATION_DELAYS,
    });
    const postEntry = manifest.runs.post;
    if (options.post === false || postEntry === undefined || !shouldRunPost(postCondition, main.outcome)) return main;
    await options.betweenSteps?.(main);
    const post = await runStep(context, 'post', postEntry, {
      fromMain: { env: main.env, path: main.path, state: main.state },
      knownMasks: main.masks,
    });
    return { ...main, post };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

async function makeDir(parent: string, name: string): Promise<string> {
  const dir = path.join(parent, name);
  await mkdir(dir, { recursive: true });
  return dir;
}

interface StepExtras {
  cancelAfterMs?: number;
  cancelSignal?: AbortSignal;
  cancellationDelays?: CancellationDelays;
  fromMain?: { env: Record<string, string>; path: string[]; state: Record<string, string> };
  knownMasks?: string[];
}

async function runStep(
  context: RunContext,
  stage: 'main' | 'post',
  entry: string,
  extras: StepExtras,
): Promise<StepResult> {
  const files = await createStepFiles(context.temp, stage);
  const env = stepEnvironment({
    hostEnv: process.env,
    workspace: context.workspace,
    runnerTemp: context.runnerTemp,
    actionDir: context.actionDir,
    eventName: context.eventName,
    eventPath: context.eventPath,
    files,
    extraEnv: context.extraEnv,
    inputs: context.inputs,
    fromMain: extras.fromMain,
  });
  const run = await runStepProcess({
    nodePath: context.nodePath,
    entry: path.join(context.actionDir, entry),
    cwd: context.workspace,
    env,
    timeoutMs: context.timeoutMs,
    cancelAfterMs: extras.cancelAfterMs,
    cancelSignal: extras.cancelSignal,
    cancellationDelays: extras.cancellationDelays ?? RUNNER_CANCELLATION_DELAYS,
  });

  // The runner reads stdout and stderr through one command manager, so a stop-commands on one stream also holds
  // the other. Once both are captured their interleaving is lost, so stderr is read after stdout, with its own
  // stop-commands state and the masks stdout registered. Actions print commands to stdout, so this rarely matters.
  const knownMasks = extras.knownMasks ?? [];
  const fromStdout = parseWorkflowCommands(run.stdout, { knownMasks });
  const fromStderr = parseWorkflowCommands(run.stderr, { knownMasks: [...knownMasks, ...fromStdout.masks] });
  const masks = [...fromStdout.masks, ...fromStderr.masks];
  const fileCommands = await readStepFiles(files, [...knownMasks, ...masks]);

  const failed =
    run.exitCode !== 0 ||
    run.signal !== null ||
    run.timedOut ||
    fromStdout.failed ||
    fromStderr.failed ||
    fileCommands.failed;
  const outcome: StepOutcome = run.cancelled ? 'cancelled' : failed ? 'failure' : 'success';
  return {
    exitCode: run.exitCode,
    signal: run.signal,
    durationMs: run.durationMs,
    // File commands are processed after the process ends, so they win over the deprecated commands.
    outputs: { ...fromStdout.outputsFromCommands, ...fromStderr.outputsFromCommands, ...fileCommands.outputs },
    state: { ...fromStdout.stateFromCommands, ...fromStderr.stateFromCommands, ...fileCommands.state },
    env: fileCommands.env,
    path: fileCommands.path,
    annotations: [...fromStdout.annotations, ...fromStderr.annotations, ...fileCommands.annotations],
    masks,
    debug: [...fromStdout.debug, ...fromStderr.debug],
    summary: fileCommands.summary,
    stdout: run.stdout,
    stderr: run.stderr,
    signalsSent: run.signalsSent,
    outcome,
    timedOut: run.timedOut,
    groups: [...fromStdout.groups, ...fromStderr.groups],
    log: [...fromStdout.log, ...fromStderr.log, ...fileCommands.annotations.map((a) => `##[${a.level}]${a.message}`)],
  };
}

async function createStepFiles(temp: string, stage: string): Promise<StepFiles> {
  // Named as the runner names them: a prefix per command and a fresh GUID per step.
  const dir = await makeDir(temp, `${stage}-file-commands`);
  const suffix = randomUUID();
  const files: StepFiles = {
    GITHUB_OUTPUT: path.join(dir, `set_output_${suffix}`),
    GITHUB_STATE: path.join(dir, `save_state_${suffix}`),
    GITHUB_ENV: path.join(dir, `set_env_${suffix}`),
    GITHUB_PATH: path.join(dir, `add_path_${suffix}`),
    GITHUB_STEP_SUMMARY: path.join(dir, `step_summary_${suffix}`),
  };
  await Promise.all(Object.values(files).map((file) => writeFile(file, '')));
  return files;
}

interface FileCommandResults {
  outputs: Record<string, string>;
  state: Record<string, string>;
  env: Record<string, string>;
  path: string[];
  summary: string;
  annotations: Annotation[];
  failed: boolean;
}

// Environment variables GITHUB_ENV may not set (SetEnvFileCommand's block list).
const BLOCKED_ENV = ['NODE_OPTIONS'];

async function readStepFiles(files: StepFiles, masks: readonly string[]): Promise<FileCommandResults> {
  const annotations: Annotation[] = [];
  const error = (message: string): void => {
    annotations.push({ level: 'error', message: applyMasks(message, masks), properties: {} });
  };
  let failed = false;
  // The runner applies what it read before a bad line, then reports the file and fails the step.
  const entries = async (file: string, contextName: string): Promise<FileCommandEntry[]> => {
    try {
      return parseFileCommands(await readFile(file, 'utf8'));
    } catch (problem) {
      if (!(problem instanceof FileCommandFormatError)) throw problem;
      error(`Unable to process file command '${contextName}' successfully.`);
      error(problem.message);
      failed = true;
      return problem.entriesBeforeError;
    }
  };

  // In the runner's order: path, env, step summary, state, output.
  const directories = parsePathFile(await readFile(files.GITHUB_PATH, 'utf8'));
  const env: Record<string, string> = {};
  for (const { name, value } of await entries(files.GITHUB_ENV, 'env')) {
    if (BLOCKED_ENV.some((blocked) => blocked.toLowerCase() === name.toLowerCase())) {
      error(`Can't store ${name} output parameter using '$GITHUB_ENV' command.`);
    } else {
      env[name] = value;
    }
  }
  const summary = await readSummary(files.GITHUB_STEP_SUMMARY, masks, error);
  const state = entriesToRecord(await entries(files.GITHUB_STATE, 'state'));
  const outputs = entriesToRecord(await entries(files.GITHUB_OUTPUT, 'output'));
  return { outputs, state, env, path: directories, summary, annotations, failed };
}

async function readSummary(file: string, masks: readonly string[], error: (message: string) => void): Promise<string> {
  const { size } = await stat(file);
  if (size > SUMMARY_LIMIT_BYTES) {
    // The runner uploads nothing then, so the job page shows no summary for the step.
    error(
      `$GITHUB_STEP_SUMMARY upload aborted, supports content up to a size of ${SUMMARY_LIMIT_BYTES / 1024}k, got ` +
        `${Math.floor(size / 1024)}k. For more information see: https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-markdown-summary`,
    );
    return '';
  }
  // The runner masks the summary line by line before uploading it, so a secret spanning lines stays visible.
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .map((line) => applyMasks(line, masks))
    .join('\n');
}
