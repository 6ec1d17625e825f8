// The container-deploy main step: main() reads the inputs and hands them to run(), which starts the release on the
// idle color as `<service>-<color>` (replacing an earlier release there, never the live color), and fails at once
// when the container stops in its first second. What becomes of each color is the post step's (post.ts).
import { SummaryBuilder, UserError, own } from '@actions-kit/core';
import { EngineError, containerName, releaseLabels, startedFor, type ContainerEngine } from './container-engine.js';
import { markStarting, saveHandover } from './handover.js';
import { getInputs, type Inputs } from './inputs.js';
import { readLiveColor } from './live-color.js';
import { runnerDeps, type StepDeps } from './step-deps.js';

/** A container that stops within this long of `docker run` fails the step with its log, not minutes later. */
export const START_WINDOW_MS = 1_000;
const POLL_MS = 100;
export const LOG_LINES = 20;

export async function main(): Promise<void> {
  await run(getInputs(), runnerDeps);
}

export async function run(inputs: Inputs, deps: StepDeps): Promise<void> {
  const cancellation = deps.watchCancellation();
  try {
    await deploy(inputs, deps, cancellation.signal);
  } finally {
    cancellation.stop();
  }
}

async function deploy(inputs: Inputs, deps: StepDeps, cancelled: AbortSignal): Promise<void> {
  const { runner, logger } = deps;
  // A cancelled job stops here, between engine calls: killed during `docker run`, main would leave a container the
  // post step may not see yet.
  const stopIfCancelled = (what: string): void => {
    if (cancelled.aborted) {
      throw new UserError(`cancelled ${what}; the post step removes what this step started, if anything`);
    }
  };
  saveHandover(inputs);
  const engine = deps.engine(inputs.dockerHost);
  const name = containerName(inputs.service, inputs.color);
  await engineCall(engine, () => engine.ping());
  stopIfCancelled('before anything was started');

  // The workflow gives the idle color; the proxy has the last word, so a live container is never replaced.
  const reading = await readLiveColor(deps.colorProbe(inputs.verify));
  if (reading.live === inputs.color) {
    throw new UserError(
      `${inputs.color} is live at ${inputs.verify.url} (${reading.evidence}): refusing to replace ${name}, which ` +
        'serves the traffic; deploy to the idle color (blue-green-switch with target: toggle and dry-run: true ' +
        'outputs it as target)',
    );
  }

  const earlier = await engineCall(engine, () => engine.inspect(name));
  if (earlier && !startedFor(earlier, inputs.service)) {
    throw new UserError(
      `a container named ${name} exists on ${engine.describe()} and container-deploy did not start it (no ` +
        `${inputs.service} label); remove or rename it, or choose another service name`,
    );
  }
  if (earlier) {
    logger.info(`container-deploy: replacing the earlier release on ${inputs.color} (${name}, ${earlier.status})`);
    await engineCall(engine, () => engine.remove(name));
  }
  if (engine.isLocal() && (await deps.portAnswers(inputs.port))) {
    throw new UserError(
      `port ${inputs.port} (${inputs.color}'s) is in use on this host by something that is not a container of ` +
        `${inputs.service}; stop what listens there, or give ${inputs.color} another port`,
    );
  }

  const labels = await engineCall(engine, () => engine.prepareImage(inputs.image));
  stopIfCancelled(`before ${name} was started`);
  const version = inputs.version || labels['org.opencontainers.image.version'] || 'unknown';
  markStarting(name);
  const id = await engineCall(engine, () =>
    engine.run({
      name,
      image: inputs.image,
      env: { PORT: String(inputs.port), COLOR: inputs.color },
      envFile: inputs.envFile,
      labels: releaseLabels(inputs.service, inputs.color, inputs.image, version),
    }),
  );
  await expectStillRunning(engine, name, inputs, deps, cancelled);
  await engineCall(engine, () => engine.keepRestarting(name));
  stopIfCancelled(`after ${name} was started`);

  runner.setOutput('container', name);
  runner.setOutput('container-id', id);
  runner.setOutput('version', version);
  const digest = inputs.image.slice(inputs.image.indexOf('@') + 1);
  logger.info(`container-deploy: started ${name} (${version}, ${digest}) on port ${inputs.port}`);
  await runner.writeSummary(
    new SummaryBuilder()
      .heading(own`Container deploy: ${name} started`, 3)
      .paragraph(
        own`${inputs.image} (version ${version}) runs as ${name} on port ${String(inputs.port)} of ${engine.describe()}. When the job ends, the color that is not live is removed: the previous one after cleanup-after, or this one if the traffic is not on it.`,
      ),
  );
}

/** Fails with the container's own last lines when it exits within START_WINDOW_MS of starting. */
async function expectStillRunning(
  engine: ContainerEngine,
  name: string,
  inputs: Inputs,
  deps: StepDeps,
  cancelled: AbortSignal,
): Promise<void> {
  const started = deps.clock.now();
  for (;;) {
    const state = await engineCall(engine, () => engine.inspect(name));
    const stopped = !state || (state.status !== 'running' && state.status !== 'created');
    if (stopped) {
      const log = await engine.logs(name, LOG_LINES);
      if (log) deps.runner.printUntrusted(`${name}'s last lines:\n${log}`);
      const how = state ? `exited with status ${state.exitCode}` : 'was removed';
      throw new UserError(
        `${name} ${how} within ${START_WINDOW_MS / 1_000} s of starting (its last lines are in the log above); ` +
          `the port ${inputs.port} may be taken or the release may not start: the post step removes it, and ` +
          `the live color is untouched`,
      );
    }
    if (deps.clock.now() - started >= START_WINDOW_MS || cancelled.aborted) return;
    await deps.clock.sleep(POLL_MS, cancelled).catch(() => undefined);
  }
}

/** An engine failure as one line naming the engine and the fix. */
export async function engineCall<T>(engine: ContainerEngine, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    throw new UserError(
      `${error.message}; check that ${engine.describe()} runs and this runner may use it (docker-host, or ` +
        'DOCKER_HOST, e.g. unix:///var/run/docker.sock, ssh://deploy@10.0.0.5, tcp://10.0.0.5:2376)',
    );
  }
}
