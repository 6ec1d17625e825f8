// Turns the runner's cancellation of a main step (SIGINT, then SIGTERM 7.5 s later, then SIGKILL 2.5 s after that)
// into an AbortSignal the action's work stops on, so it can undo what it must within the 7.5 s before SIGTERM.
import { info } from './runner.js';

export interface CancellationWatch {
  /** Aborted, with the signal's name as reason, on the first SIGINT or SIGTERM. */
  readonly signal: AbortSignal;
  /** The first cancellation signal received, if any. */
  readonly received: NodeJS.Signals | undefined;
  /** Gives the signals back to Node's default handling. */
  stop(): void;
}

/** Prints `<action>: SIGINT received (the job is being cancelled); <stopping>` on the first signal. */
export function watchCancellation(action: string, stopping: string): CancellationWatch {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (received) return; // the runner's SIGTERM after its SIGINT: already stopping
    received = signal;
    info(`${action}: ${signal} received (the job is being cancelled); ${stopping}`);
    controller.abort(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    get received() {
      return received;
    },
    stop() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
