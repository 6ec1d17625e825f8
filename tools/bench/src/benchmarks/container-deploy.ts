// `pnpm bench container-deploy`: the time from "image pushed" to "traffic on the new color" for the sample service,
// as deploy-blue-green.yml's container mode runs it: container-deploy's main (pull by digest from a real registry
// into the deploy host's engine, start, its first second), health-check until-healthy on the color's own URL, and
// blue-green-switch through a real HAProxy, verified. Two private engines: one builds and pushes (the CI), the other
// pulls and runs (the host). Each run deploys a new version to the idle color; the previous one is removed by the
// post step (cleanup-after 0s) after the clock stops.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { node24Path, runBundledAction, type StepResult } from '@actions-kit/harness';
import {
  buildSampleImage,
  freePort,
  pushImage,
  startDockerEngine,
  startDockerRegistry,
  startHaproxy,
  type Stoppable,
} from '@actions-kit/testkit';
import type { Benchmark, BenchContext, BenchmarkResult } from '../benchmark.js';
import { busyWarning, describeMachine, machineLine } from '../machine.js';
import { median } from '../statistics.js';
import { renderTextTable } from '../text-table.js';

const COLORS = ['blue', 'green'] as const;

interface Timing {
  version: string;
  color: string;
  startMs: number;
  healthyMs: number;
  switchMs: number;
  totalMs: number;
}

async function run(context: BenchContext): Promise<BenchmarkResult> {
  const machine = describeMachine();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cdb-'));
  const running: Stoppable[] = [];
  try {
    const builder = await startDockerEngine(path.join(dir, 'ci'));
    running.push(builder);
    const host = await startDockerEngine(path.join(dir, 'host'));
    running.push(host);
    const registry = await startDockerRegistry(dir);
    running.push(registry);
    const ports = { blue: await freePort(), green: await freePort() };
    const haproxy = await startHaproxy(dir, ports);
    running.push(haproxy);
    const action = (name: string) => path.join(context.root, 'actions', name);
    const step = async (name: string, inputs: Record<string, string>, extra: object = {}): Promise<StepResult> => {
      const result = await runBundledAction({
        actionDir: action(name),
        nodePath: node24Path(),
        inputs,
        env: { DOCKER_HOST: host.host },
        ...extra,
      });
      const failed = result.outcome !== 'success' || (result.post && result.post.outcome !== 'success');
      if (failed) throw new Error(`${name} failed:\n${[...result.log, ...(result.post?.log ?? [])].join('\n')}`);
      return result;
    };

    // One image per run and one for blue at the start, built and pushed before any clock starts.
    const versions = Array.from({ length: context.runs + 1 }, (_, i) => `1.0.${i}`);
    const images: string[] = [];
    for (const version of versions) {
      context.progress(`container-deploy: building and pushing ${version}`);
      const tag = `${registry.address}/sample-service:${version}`;
      await buildSampleImage(builder, { tag, version });
      images.push(await pushImage(builder, tag));
    }
    const deployInputs = (color: 'blue' | 'green', image: string): Record<string, string> => ({
      service: 'sample',
      image,
      color,
      port: String(ports[color]),
      'verify-url': `${haproxy.url}version`,
      'cleanup-after': '0s',
    });
    await step('container-deploy', deployInputs('blue', images[0]!), { post: false });

    const timings: Timing[] = [];
    for (let i = 1; i < images.length; i += 1) {
      const color = COLORS[i % 2]!;
      const started = performance.now();
      const marks = { start: 0, healthy: 0, switched: 0 };
      await step('container-deploy', deployInputs(color, images[i]!), {
        betweenSteps: async () => {
          marks.start = performance.now();
          await step('health-check', {
            url: `http://127.0.0.1:${ports[color]}/healthz`,
            mode: 'until-healthy',
            interval: '1s',
            deadline: '1m',
          });
          marks.healthy = performance.now();
          await step('blue-green-switch', {
            provider: 'haproxy',
            target: color,
            'haproxy-socket': haproxy.socket,
            'haproxy-backend': 'app',
            'verify-url': `${haproxy.url}version`,
            'verify-header': 'x-color',
          });
          marks.switched = performance.now();
        },
      });
      const timing: Timing = {
        version: versions[i]!,
        color,
        startMs: marks.start - started,
        healthyMs: marks.healthy - marks.start,
        switchMs: marks.switched - marks.healthy,
        totalMs: marks.switched - started,
      };
      timings.push(timing);
      context.progress(
        `container-deploy: run ${i}: ${versions[i]} on ${color} live after ${Math.round(timing.totalMs)} ms`,
      );
    }

    const ms = (value: number): string => `${Math.round(value)} ms`;
    const rows = timings.map((t) => [
      t.version,
      t.color,
      ms(t.startMs),
      ms(t.healthyMs),
      ms(t.switchMs),
      ms(t.totalMs),
    ]);
    const medians = {
      startMs: median(timings.map((t) => t.startMs)),
      healthyMs: median(timings.map((t) => t.healthyMs)),
      switchMs: median(timings.map((t) => t.switchMs)),
      totalMs: median(timings.map((t) => t.totalMs)),
    };
    rows.push(['median', '', ms(medians.startMs), ms(medians.healthyMs), ms(medians.switchMs), ms(medians.totalMs)]);
    const text = [
      'Image pushed → traffic on the new color (sample service, Node 24 bundles, vfs engine, HAProxy):',
      'start = container-deploy main (pull by digest, docker run, first second); healthy = health-check until-healthy',
      '(interval 1s); switch = blue-green-switch with verification (20 answers through HAProxy).',
      machineLine(machine),
      ...(busyWarning(machine) ? [busyWarning(machine)!] : []),
      '',
      renderTextTable(['version', 'color', 'start', 'healthy', 'switch', 'pushed → live'], rows),
    ].join('\n');
    return { text, json: { machine, timings, medians } };
  } finally {
    for (const process_ of running.reverse()) await process_.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

export const benchmark: Benchmark = {
  name: 'container-deploy',
  description: 'image pushed → traffic on the new color: container-deploy, health-check and blue-green-switch',
  run,
};
