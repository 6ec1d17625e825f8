// Holds the main step through the runner's cancellation (SIGINT, then SIGTERM 7.5 s later) while a switch is in
// flight. Exiting at once would leave the proxy mid-change and a switch command still running on its own, racing the
// post step that puts the previous color back; finishing the change in flight lets the post step start from a proxy
// that has stopped moving. Nothing can hold through the SIGKILL that follows; the post step then recovers the lock.
import { UserError, info } from '@actions-kit/core';

export interface CancellationWatch {
  /** The first cancellation signal received, if any. */
  readonly received: NodeJS.Signals | undefined;
  /** Throws when cancelled: called before the first change, so a cancelled run changes nothing. */
  throwIfReceived(): void;
  /** Gives the signals back to Node's default handling. */
  stop(): void;
}

export function watchCancellation(): CancellationWatch {
  let received: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    info(`blue-green-switch: ${signal} received (the job is being cancelled); finishing the change in flight`);
    received ??= signal;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    get received() {
      return received;
    },
    throwIfReceived() {
      if (received) throw new UserError(`cancelled (${received}) before any change; traffic was not touched`);
    },
    stop() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
