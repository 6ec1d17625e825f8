// What the main and post steps touch besides their inputs: the runner (outputs, job summary, untrusted text), the
// progress logger, the traffic package's factories and the clock. main() and post() pass the real ones; the run()
// tests pass plain objects.
import { systemClock, type Clock } from '@actions-kit/clock';
import { stepRunner, type StepRunner } from '@actions-kit/core';
import {
  createProvider,
  httpColorProbe,
  type ColorProbe,
  type ProviderSetup,
  type SwitchLogger,
  type TrafficProvider,
} from '@actions-kit/traffic';
import type { VerifyInputs } from './inputs.js';
import { switchLogger } from './switch-logger.js';

export interface StepDeps {
  runner: StepRunner;
  /** Progress, which quotes the proxy: the action's logger guards lines the runner could take for commands. */
  logger: SwitchLogger;
  createProvider(setup: ProviderSetup): TrafficProvider;
  /** The probe asking verify-url which color answers. */
  colorProbe(verify: VerifyInputs): ColorProbe;
  clock: Clock;
}

export const runnerDeps: StepDeps = {
  runner: stepRunner,
  logger: switchLogger,
  createProvider: (setup) => createProvider(setup),
  colorProbe: httpColorProbe,
  clock: systemClock,
};
