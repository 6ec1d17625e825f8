// What the main and post steps touch besides their inputs: the runner, the progress log, the container engine, the
// probe asking verify-url which color answers, a port check on this machine and the clock. main() and post() pass
// the real ones; the run() tests pass plain objects.
import net from 'node:net';
import { systemClock, type Clock } from '@actions-kit/clock';
import {
  printLine,
  stepRunner,
  warning,
  watchCancellation,
  type CancellationWatch,
  type StepRunner,
} from '@actions-kit/core';
import { httpColorProbe, type ColorProbe } from '@actions-kit/traffic';
import type { ContainerEngine } from './container-engine.js';
import { dockerCli } from './docker-cli.js';
import type { VerifyInputs } from './inputs.js';

export interface StepDeps {
  runner: StepRunner;
  logger: { info(line: string): void; warning(line: string): void };
  engine(dockerHost: string): ContainerEngine;
  colorProbe(verify: VerifyInputs): ColorProbe;
  /** True when something accepts connections on 127.0.0.1:`port`. */
  portAnswers(port: number): Promise<boolean>;
  clock: Clock;
  /** The runner's cancellation of main, seen between engine calls: a `docker run` under way is let finish. */
  watchCancellation(): CancellationWatch;
}

export const runnerDeps: StepDeps = {
  runner: stepRunner,
  // Progress lines quote container names and the engine's words: guarded when the runner could take one for a command.
  logger: { info: printLine, warning },
  engine: (dockerHost) => dockerCli(dockerHost),
  colorProbe: httpColorProbe,
  portAnswers: (port) =>
    new Promise((resolve) => {
      const socket = net.connect({ port, host: '127.0.0.1' });
      socket.setTimeout(2_000, () => socket.destroy());
      socket.once('connect', () => socket.end(() => resolve(true)));
      socket.once('close', () => resolve(false));
      socket.once('error', () => resolve(false));
    }),
  clock: systemClock,
  watchCancellation: () =>
    watchCancellation('container-deploy', 'stopping after the engine call under way; the post step cleans up'),
};
