// The one call every entry point makes: runs the action's main (or its post step), turns every failure into one
// `::error::<action>: <message>` line and exit code 1, and keeps stacks for bugs only, at debug level.
import { inspect } from 'node:util';
import { ConfigurationError, UserError } from './errors.js';
import { debug, error, getState, saveState } from './runner.js';

export interface RunActionOptions {
  /** The action's name, the prefix of every failure message. */
  name: string;
  main: () => Promise<void>;
  /** Cleanup for the post step (declare `post:` in action.yml). */
  post?: () => Promise<void>;
}

/** The parts of `process` runAction uses; tests pass an EventEmitter instead. */
export interface ProcessLike {
  exitCode?: number | string | null | undefined;
  on(event: 'unhandledRejection' | 'uncaughtException', listener: (reason: unknown) => void): unknown;
}

const POST_STATE = 'isPost';

export async function runAction(options: RunActionOptions, host: ProcessLike = process): Promise<void> {
  const fail = (reason: unknown): void => reportFailure(options.name, reason, host);
  // Left installed after main returns: a promise that rejects later must still fail the step.
  host.on('unhandledRejection', fail);
  host.on('uncaughtException', fail);
  try {
    // The runner starts the post step as a new process with the same script; the state saved by main tells them apart.
    if (options.post && getState(POST_STATE) === 'true') {
      await options.post();
      return;
    }
    // Saved before main runs, so the post step still cleans up after a main that failed half-way.
    if (options.post) saveState(POST_STATE, 'true');
    await options.main();
  } catch (reason) {
    fail(reason);
  }
}

// Sets exitCode and lets Node exit on its own: process.exit() could cut off output still being written.
function reportFailure(actionName: string, reason: unknown, host: ProcessLike): void {
  host.exitCode = 1;
  error(`${actionName}: ${messageOf(reason)}`);
  const expected = reason instanceof ConfigurationError || reason instanceof UserError;
  if (!expected) debug(stackOf(reason));
}

function messageOf(reason: unknown): string {
  if (reason instanceof Error) return reason.message || reason.name;
  return typeof reason === 'string' ? reason : inspect(reason);
}

// The stack of a bug, followed by the stacks of its causes (an error that wraps another keeps it as `cause`).
function stackOf(reason: unknown): string {
  const parts: string[] = [];
  let current: unknown = reason;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    parts.push(current instanceof Error ? (current.stack ?? current.message) : inspect(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join('\nCaused by: ');
}
