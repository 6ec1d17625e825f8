// What the main and post steps touch besides their inputs: the runner, the progress log, the clock, the network
// (one HTTP probe, one Prometheus query), the shell and the proxy for a rollback. main() and post() pass the real
// ones; the run() tests pass plain objects.
import { systemClock } from '@actions-kit/clock';
import { printLine, stepRunner, warning, type StepRunner } from '@actions-kit/core';
import {
  httpProbe,
  queryPrometheus,
  type HttpProbeRequest,
  type HttpProbeResult,
  type PrometheusQuery,
  type PrometheusResult,
} from '@actions-kit/probes';
import type { RollbackDeps } from './rollback.js';

export interface StepDeps extends RollbackDeps {
  runner: StepRunner;
}

export interface ProbeDeps {
  probe(request: HttpProbeRequest): Promise<HttpProbeResult>;
  queryPrometheus(query: PrometheusQuery): Promise<PrometheusResult>;
}

export const runnerDeps: StepDeps & ProbeDeps = {
  runner: stepRunner,
  // Progress lines quote URLs, bodies and the proxy: guarded when the runner could take one for a command.
  logger: { info: printLine, warning },
  clock: systemClock,
  probe: httpProbe,
  queryPrometheus,
  runCommand: async (command, options) => (await import('@actions-kit/traffic')).runShellCommand(command, options),
  createProvider: async (setup) => (await import('@actions-kit/traffic')).createProvider(setup),
};
