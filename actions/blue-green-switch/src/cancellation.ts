// Turns the runner's cancellation of the main step (SIGINT, then SIGTERM 7.5 s later, then SIGKILL 2.5 s after that)
// into an AbortSignal for the switch. The switch then stops wherever it is: a command in flight (switch-command, an
// nginx test or reload) is stopped with everything it started and waited for, so main ends within about 2 s, and the
// post step puts the previous color back on a proxy that nothing started by main can change afterwards.
import { info } from '@actions-kit/core';

export interface CancellationWatch {
  /** Aborted, with the signal's name as reason, on the first SIGINT or SIGTERM. */
  readonly signal: AbortSignal;
  /** The first cancellation signal received, if any. */
  readonly received: NodeJS.Signals | undefined;
  /** Gives the signals back to Node's default handling. */
  stop(): void;
}

export function watchCancellation(): CancellationWatch {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (received) return; // the runner's SIGTERM after its SIGINT: already stopping
    received = signal;
    info(`blue-green-switch: ${signal} received (the job is being cancelled); stopping the switch and its commands`);
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
