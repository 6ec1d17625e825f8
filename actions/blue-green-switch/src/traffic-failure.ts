// Turns an error of the traffic package into what the step reports: its message as the one error line, the output
// of the proxy or command printed with workflow commands off, and a job summary saying what failed. A cancellation
// is worded by whether the proxy had started to change, because that decides what the post step does.
import { UserError } from '@actions-kit/core';
import { CancelledError, TrafficError, type Color, type LiveState } from '@actions-kit/traffic';
import type { StepDeps } from './step-deps.js';
import { failureSummary } from './switch-summary.js';

/** What main had started when it failed: the state saved for the post step and the color it was switching to. */
export interface SwitchStart {
  previous: LiveState;
  target: Color;
}

/** A UserError for a TrafficError (after reporting its output); any other error, a bug, as it is. */
export async function reportTrafficFailure(
  error: unknown,
  provider: string,
  { runner, logger }: Pick<StepDeps, 'runner' | 'logger'>,
  started?: SwitchStart,
): Promise<unknown> {
  if (!(error instanceof TrafficError)) return error;
  const message = error instanceof CancelledError ? cancellationMessage(error, started) : error.message;
  if (error.untrustedOutput) {
    logger.info('Output of the proxy or command (shown as printed, workflow commands off):');
    runner.printUntrusted(error.untrustedOutput);
  }
  const heading = error instanceof CancelledError ? 'Blue-green switch: cancelled' : 'Blue-green switch: failed';
  await runner.writeSummary(
    failureSummary(heading, `${provider}: ${message}`, error.changesMade, error.untrustedOutput),
  );
  return new UserError(message, { cause: error });
}

function cancellationMessage(error: CancelledError, started: SwitchStart | undefined): string {
  if (!started) return `cancelled (${error.reason}) before any change: ${error.stopped}; traffic was not touched`;
  return (
    `cancelled (${error.reason}) during the switch to ${started.target}: ${error.stopped}; the post step puts ` +
    `${started.previous.live} back`
  );
}
