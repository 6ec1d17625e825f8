// One blue-green deploy of the sample service, step for step as .github/workflows/deploy-blue-green.yml runs it:
// find the live color, deploy the release to the idle one (the sample's deploy-local.js, the caller's deploy
// command), wait until it is healthy, switch the traffic to it (proven through the proxy), watch the live service
// and switch back when it degrades, then read the live color again from the proxy.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ActionSteps, StepRecord } from './action-steps.js';
import { type DeployOutcomes, type DeployVerdict, deployVerdict } from './deploy-verdict.js';
import type { Color } from './flag-proxy.js';

const run = promisify(execFile);

export interface Release {
  version: string;
  /** good, or bad: healthy until it has served `breaksAfter` requests, then its /healthz answers 503. */
  kind: 'good' | 'bad';
  breaksAfter: number;
}

export interface DeployTarget {
  /** The sample service's folder (holding deploy-local.js). */
  serviceDir: string;
  /** SAMPLE_DEPLOY_DIR: <color>.port, <color>.pid, <color>.log. */
  hostsDir: string;
  ports: Record<Color, number>;
  /** The proxy's URL, ending in '/'. */
  proxyUrl: string;
  providerInputs: Record<string, string>;
  /** How long the watch after the switch lasts, e.g. 4s. */
  watch: string;
}

/** How often the health checks probe: fast, so the demo stays short; a real deploy keeps the default 5s. */
const INTERVAL = '500ms';

export async function deployRelease(
  steps: ActionSteps,
  job: string,
  release: Release,
  target: DeployTarget,
): Promise<DeployVerdict> {
  const provider = target.providerInputs;
  const liveColor = { ...provider, target: 'toggle', 'dry-run': 'true' };
  const live = await steps.run(job, 'find the live color', 'blue-green-switch', liveColor);
  const previous = live.outputs['previous'] as Color;
  const next = live.outputs['target'] as Color;
  const outcomes: DeployOutcomes = { title: `release ${release.version}`, live: live.outcome, previous, target: next };
  if (live.outcome !== 'success') return deployVerdict(outcomes);

  const deploy = await deployCommand(steps, job, release, next, target);
  outcomes.deployed = deploy.outcome;
  if (deploy.outcome === 'success') {
    const ready = await steps.run(job, 'wait until the idle color is healthy', 'health-check', {
      url: `http://127.0.0.1:${target.ports[next]}/healthz`,
      mode: 'until-healthy',
      deadline: '20s',
      interval: INTERVAL,
    });
    outcomes.ready = ready.outcome;
    if (ready.outcome === 'success') {
      const switched = await steps.run(job, 'switch the traffic to it', 'blue-green-switch', {
        ...provider,
        target: next,
        'verify-url': `${target.proxyUrl}version`,
        'verify-header': 'x-color',
      });
      outcomes.switched = switched.outcome;
      if (switched.outcome === 'success') {
        const watch = await steps.run(job, 'watch the live service, switch back if it degrades', 'health-check', {
          ...provider,
          url: `${target.proxyUrl}healthz`,
          mode: 'watch',
          'watch-duration': target.watch,
          interval: INTERVAL,
          'failure-threshold': '2',
          rollback: 'blue-green',
          'rollback-to': previous,
        });
        outcomes.watched = watch.outcome;
        outcomes.rolledBack = watch.outputs['rolled-back'] === 'true';
        outcomes.reason = watch.outputs['reason'];
      }
    }
  }
  // Whatever happened above, the color live now, read from the proxy rather than inferred.
  const after = await steps.run(job, 'read the live color again', 'blue-green-switch', liveColor);
  outcomes.active = after.outcome === 'success' ? (after.outputs['previous'] as Color) : undefined;
  const verdict = deployVerdict(outcomes);
  steps.add({ job, name: 'recap', outcome: 'success', durationMs: 0, outputs: {}, summary: verdict.summary });
  return verdict;
}

/** The caller's deploy command: the sample's deploy-local.js replaces the idle color's instance with the release. */
async function deployCommand(
  steps: ActionSteps,
  job: string,
  release: Release,
  color: Color,
  target: DeployTarget,
): Promise<StepRecord> {
  steps.starting('deploy-local.js: deploy the release to the idle color');
  const started = performance.now();
  let outcome: StepRecord['outcome'] = 'success';
  let output: string;
  try {
    // Asynchronous: the demo's own proxy and the user traffic run in this process and must keep serving meanwhile.
    const result = await run(process.execPath, [path.join(target.serviceDir, 'deploy-local.js')], {
      env: {
        PATH: process.env['PATH'] ?? '',
        DEPLOY_COLOR: color,
        SAMPLE_DEPLOY_DIR: target.hostsDir,
        RELEASE: release.kind,
        VERSION: release.version,
        BREAKS_AFTER: String(release.breaksAfter),
      },
      timeout: 30_000,
    });
    output = result.stdout + result.stderr;
  } catch (error) {
    outcome = 'failure';
    const failed = error as Error & { stdout?: string; stderr?: string };
    output = `${failed.stdout ?? ''}${failed.stderr ?? ''}` || failed.message;
  }
  return steps.add({
    job,
    name: 'deploy the release to the idle color',
    outcome,
    durationMs: Math.round(performance.now() - started),
    outputs: {},
    // A run: step writes no summary of its own; its output is what the job page would show.
    summary: '',
    log: output.trim(),
  });
}
