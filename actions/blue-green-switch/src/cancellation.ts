// Turns the runner's cancellation of the main step into an AbortSignal for the switch. The switch then stops wherever
// it is: a command in flight (switch-command, an nginx test or reload) is stopped with everything it started and
// waited for, so main ends within about 2 s, and the post step puts the previous color back on a proxy that nothing
// started by main can change afterwards.
import { watchCancellation as watch, type CancellationWatch } from '@actions-kit/core';

export type { CancellationWatch };

export function watchCancellation(): CancellationWatch {
  return watch('blue-green-switch', 'stopping the switch and its commands');
}
