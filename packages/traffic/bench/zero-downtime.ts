// Zero-downtime benchmark (not a test): through each proxy, wrk holds keep-alive load for 10 s while traffic is
// switched 16 times; it counts failed requests and the time from each switch's end until new connections only get
// the new color. Each proxy is switched three ways in the same run: the naive way (nginx rewrite + reload, plain
// Caddy PATCH), the provider called in-process, and the action itself, each switch one run of the bundled
// actions/blue-green-switch/dist/index.js through the harness (as the runner starts it, on the Node 24 that
// action.yml names), timed from that process's exit.
// Loopback only, bounded: every wrk run lasts 10 s, every action run at most 30 s, and the whole run is killed after
// 30 minutes. Needs the action built (pnpm build).
// Usage: npx tsx packages/traffic/bench/zero-downtime.ts [--rounds 3] [--threads 1] [--connections 32] [--only caddy]
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { node24Path, runBundledAction } from '@actions-kit/harness';
import type { Color } from '../src/color.js';
import { httpColorProbe } from '../src/http-color-probe.js';
import { CaddyProvider } from '../src/caddy.js';
import { FlagFileProvider } from '../src/flag-file.js';
import { HaproxyProvider } from '../src/haproxy.js';
import { NginxProvider, renderUpstreamBlock } from '../src/nginx.js';
import type { TrafficProvider } from '../src/provider.js';
import { switchTraffic } from '../src/switch.js';
import {
  caddyFlagRoutes,
  nginxFlagLocation,
  nginxFlagUpstreams,
  colorAt,
  nginxActionInputs,
  requireBinary,
  startCaddy,
  startHaproxy,
  startNginx,
  startProcess,
  type Stoppable,
  type WrkFigures,
  wrkFigures,
} from '@actions-kit/testkit';
import { nginxProviderSettings } from '../__tests__/support/nginx-settings.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const argument = (name: string): string | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const numberArgument = (name: string, fallback: number): number => Number(argument(name) ?? fallback);
const ROUNDS = numberArgument('rounds', 3);
const THREADS = numberArgument('threads', 1);
const CONNECTIONS = numberArgument('connections', 32);
/** Only the scenarios whose name contains this text, e.g. --only caddy. */
const ONLY = argument('only') ?? '';
const DURATION_S = 10;
const SWITCHES = 16;

interface Backends {
  blue: string;
  green: string;
}

interface Rig extends Stoppable {
  url: string;
  /** Switches, and resolves with the moment (performance.now()) the switch ended, from which convergence counts. */
  switchTo(color: Color): Promise<number>;
}

interface Scenario {
  name: string;
  start(dir: string, backends: Backends): Promise<Rig>;
}

const verifyPolicy = (url: string) => ({
  probe: httpColorProbe({ url, header: 'x-color' }),
  requests: 20,
  timeoutMs: 10_000,
});

async function providerSwitch(url: string, provider: TrafficProvider, color: Color): Promise<number> {
  const report = await switchTraffic({ provider, target: color, verify: verifyPolicy(url) });
  if (report.outcome !== 'switched') throw new Error(`switch to ${color}: ${report.outcome} ${report.problem ?? ''}`);
  return performance.now();
}

async function naiveSwitch(change: () => Promise<void>): Promise<number> {
  await change();
  return performance.now();
}

const actionDir = path.resolve(here, '../../../actions/blue-green-switch');
const actionNode = node24Path();

/** One run of the bundled action with these inputs, as the runner starts it; verified as its default (20 answers). */
async function actionSwitch(url: string, inputs: Record<string, string>, color: Color): Promise<number> {
  const called = performance.now();
  const result = await runBundledAction({
    actionDir,
    nodePath: actionNode,
    inputs: { ...inputs, target: color, 'verify-url': url, 'verify-header': 'x-color' },
    post: false,
    timeoutMs: 30_000,
  });
  if (result.outcome !== 'success' || result.outputs['active'] !== color) {
    throw new Error(
      `action switch to ${color}: ${result.outcome}, active ${result.outputs['active']}\n${result.log.slice(-10).join('\n')}`,
    );
  }
  // durationMs runs from the process's spawn, which comes after this call began: the earliest moment it can have
  // exited. Counting from there, the harness' reading of the step's files afterwards is counted against the switch.
  return called + result.durationMs;
}

/** A proxy set up for one of the providers: the provider to call in-process, and the same as the action's inputs. */
interface Switchable {
  proxy: Stoppable & { url: string };
  provider: TrafficProvider;
  inputs: Record<string, string>;
}

const switchables: Array<{ name: string; start(dir: string, backends: Backends): Promise<Switchable> }> = [
  {
    name: 'haproxy: runtime API',
    async start(dir, backends) {
      const haproxy = await startHaproxy(dir, { blue: port(backends.blue), green: port(backends.green) });
      return {
        proxy: haproxy,
        provider: new HaproxyProvider({
          socket: haproxy.socket,
          backend: 'app',
          servers: { blue: ['blue'], green: ['green'] },
        }),
        inputs: { provider: 'haproxy', 'haproxy-socket': haproxy.socket, 'haproxy-backend': 'app' },
      };
    },
  },
  {
    name: 'nginx: include + test + reload',
    async start(dir, backends) {
      const servers = { blue: [backends.blue], green: [backends.green] };
      const seed = { servers: [], otherDirectives: ['keepalive 32'] };
      await writeFile(path.join(dir, 'upstream.conf'), renderUpstreamBlock('app', 'blue', servers, seed));
      const nginx = await startNginx(dir);
      const provider = new NginxProvider(nginxProviderSettings(nginx, backends));
      return { proxy: nginx, provider, inputs: nginxActionInputs(nginx, backends) };
    },
  },
  {
    name: 'nginx: flag file, no reload',
    async start(dir, backends) {
      const flagFile = path.join(dir, 'app.green');
      await writeFile(path.join(dir, 'upstream.conf'), nginxFlagUpstreams(backends));
      const nginx = await startNginx(dir, { location: nginxFlagLocation(flagFile) });
      const provider = new FlagFileProvider({ flagFile });
      return { proxy: nginx, provider, inputs: { provider: 'flag-file', 'flag-file': flagFile } };
    },
  },
  {
    name: 'caddy: PATCH with If-Match',
    async start(dir, backends) {
      const caddy = await startCaddy(dir, backends.blue);
      const provider = new CaddyProvider({
        adminUrl: caddy.adminUrl,
        handlerId: 'app',
        servers: { blue: [backends.blue], green: [backends.green] },
      });
      const inputs = {
        provider: 'caddy',
        'caddy-admin-url': caddy.adminUrl,
        'caddy-handler-id': 'app',
        'blue-servers': backends.blue,
        'green-servers': backends.green,
      };
      return { proxy: caddy, provider, inputs };
    },
  },
  {
    name: 'caddy: flag file, no config change',
    async start(dir, backends) {
      const caddy = await startCaddy(dir, backends.blue, { routes: caddyFlagRoutes(dir, 'app.green', backends) });
      const flagFile = path.join(dir, 'app.green');
      const provider = new FlagFileProvider({ flagFile });
      return { proxy: caddy, provider, inputs: { provider: 'flag-file', 'flag-file': flagFile } };
    },
  },
];

/** Each provider twice: called in-process, and as runs of the action. */
const providerScenarios = (name: string): Scenario[] => {
  const switchable = switchables.find((candidate) => candidate.name === name);
  if (!switchable) throw new Error(`no switchable named ${name}`);
  return [
    {
      name: `${name} (provider)`,
      async start(dir, backends) {
        const { proxy, provider } = await switchable.start(dir, backends);
        return { ...proxy, switchTo: (color) => providerSwitch(proxy.url, provider, color) };
      },
    },
    {
      name: `${name} (action run)`,
      async start(dir, backends) {
        const { proxy, inputs } = await switchable.start(dir, backends);
        return { ...proxy, switchTo: (color) => actionSwitch(proxy.url, inputs, color) };
      },
    },
  ];
};

const scenarios: Scenario[] = [
  ...providerScenarios('haproxy: runtime API'),
  {
    name: 'nginx: naive rewrite + reload',
    async start(dir, backends) {
      const upstream = (color: Color) => `upstream app { server ${backends[color]}; keepalive 32; }\n`;
      await writeFile(path.join(dir, 'upstream.conf'), upstream('blue'));
      const nginx = await startNginx(dir);
      return {
        ...nginx,
        switchTo: (color) =>
          naiveSwitch(async () => {
            await writeFile(nginx.upstreamFile, upstream(color));
            await run('/bin/sh', ['-c', nginx.reloadCommand]);
          }),
      };
    },
  },
  ...providerScenarios('nginx: include + test + reload'),
  ...providerScenarios('nginx: flag file, no reload'),
  {
    name: 'caddy: naive PATCH',
    async start(dir, backends) {
      const caddy = await startCaddy(dir, backends.blue);
      return {
        ...caddy,
        switchTo: (color) =>
          naiveSwitch(async () => {
            const response = await fetch(`${caddy.adminUrl}/id/app/upstreams`, {
              method: 'PATCH',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify([{ dial: backends[color] }]),
            });
            if (!response.ok) throw new Error(`PATCH: HTTP ${response.status}`);
          }),
      };
    },
  },
  ...providerScenarios('caddy: PATCH with If-Match'),
  ...providerScenarios('caddy: flag file, no config change'),
];

function port(address: string): number {
  return Number(address.split(':').pop());
}

interface Figures extends WrkFigures {
  /** Slowest, over the switches, time from a switch's end to new connections getting only the new color. */
  worstConvergenceMs: number;
  /** From the start of the load to the end of the last switch: must stay inside the load's 10 s. */
  switchingMs: number;
}

async function startBackend(color: Color): Promise<Stoppable & { address: string }> {
  const backend = startProcess(process.execPath, ['--import', 'tsx', path.join(here, 'color-backend.ts'), color], {
    cwd: path.resolve(here, '../../..'),
  });
  const deadline = Date.now() + 10_000;
  while (!/^\d+\n/.test(backend.output())) {
    if (Date.now() > deadline) throw new Error(`backend ${color} did not start: ${backend.output()}`);
    await delay(20);
  }
  return { address: `127.0.0.1:${backend.output().trim()}`, stop: backend.stop };
}

/**
 * Asks on fresh connections until `count` answers in a row are `color`, and returns the time from `since` (the
 * switch's end) to the last wrong answer: 0 when every answer was right.
 */
async function convergence(url: string, color: Color, since: number, count = 20): Promise<number> {
  const started = performance.now();
  let lastWrong = since;
  let streak = 0;
  while (streak < count && performance.now() - started < 5_000) {
    const answer = await colorAt(url);
    if (answer === color) streak += 1;
    else {
      streak = 0;
      lastWrong = performance.now();
    }
  }
  if (streak < count) return Number.POSITIVE_INFINITY;
  return lastWrong - since;
}

async function measure(scenario: Scenario): Promise<Figures> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'traffic-bench-'));
  const stoppables: Stoppable[] = [];
  try {
    const blue = await startBackend('blue');
    stoppables.push(blue);
    const green = await startBackend('green');
    stoppables.push(green);
    const rig = await scenario.start(dir, { blue: blue.address, green: green.address });
    stoppables.push(rig);
    const loadStarted = performance.now();
    const wrk = startProcess(
      'wrk',
      [`-t${THREADS}`, `-c${CONNECTIONS}`, `-d${DURATION_S}s`, '--timeout', '2s', rig.url],
      { cwd: dir },
    );
    // Evenly spread, the last one starting 1.5 s before the load ends; an action run (a node process starting, the
    // switch, 20 verification requests) takes about as long as the interval on 2 busy cores, so those run back to back.
    const interval = ((DURATION_S - 1.7) * 1_000) / SWITCHES;
    let worst = 0;
    await delay(200);
    for (let i = 0; i < SWITCHES; i += 1) {
      const color: Color = i % 2 === 0 ? 'green' : 'blue';
      const started = performance.now();
      const ended = await rig.switchTo(color);
      worst = Math.max(worst, await convergence(rig.url, color, ended));
      await delay(Math.max(0, interval - (performance.now() - started)));
    }
    const switchingMs = Math.round(performance.now() - loadStarted);
    await wrk.exited;
    return { ...wrkFigures(wrk.output()), worstConvergenceMs: Math.round(worst), switchingMs };
  } finally {
    for (const stoppable of stoppables.reverse()) await stoppable.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function main(): Promise<void> {
  for (const binary of ['wrk', 'nginx', 'haproxy', 'caddy'] as const) requireBinary(binary);
  const versions = await Promise.all([
    run('nginx', ['-v']).then((r) => r.stderr.trim()),
    run('haproxy', ['-v']).then((r) => r.stdout.split('\n')[0] ?? ''),
    run('caddy', ['version']).then((r) => `caddy ${r.stdout.trim()}`),
  ]);
  const actionNodeVersion = (await run(actionNode, ['--version'])).stdout.trim();
  console.log(`# zero-downtime switch benchmark`);
  console.log(
    `machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${os.type()} ${os.release()}; ${versions.join('; ')}`,
  );
  console.log(
    `load: wrk -t${THREADS} -c${CONNECTIONS} -d${DURATION_S}s (keep-alive), ${SWITCHES} switches per run, ` +
      `${ROUNDS} rounds; the action runs on Node ${actionNodeVersion}\n`,
  );
  const results = new Map<string, Figures[]>();
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const scenario of scenarios.filter((candidate) => candidate.name.includes(ONLY))) {
      const figures = await measure(scenario);
      results.set(scenario.name, [...(results.get(scenario.name) ?? []), figures]);
      console.log(
        `round ${round} | ${scenario.name} | ${figures.requests} requests (${figures.perSecond}/s) | failed ${figures.failed} (${figures.failures}) | worst time to 100% new color ${figures.worstConvergenceMs} ms | switches done ${(figures.switchingMs / 1000).toFixed(1)} s into the load`,
      );
    }
  }
  console.log(
    `\n| switch | requests/s (median) | failed of ~requests, per round | failed (median) | worst time to 100% new color (median) |`,
  );
  console.log('|---|---|---|---|---|');
  for (const [name, runs] of results) {
    const perRound = runs.map((r) => `${r.failed}/${r.requests}`).join(', ');
    console.log(
      `| ${name} | ${median(runs.map((r) => r.perSecond))} | ${perRound} | ${median(runs.map((r) => r.failed))} | ${median(runs.map((r) => r.worstConvergenceMs))} ms |`,
    );
  }
  // A switch after the load ended has no requests to fail: such a round undercounts, and says so.
  const overran = [...results].flatMap(([name, runs]) =>
    runs.flatMap((r, index) => (r.switchingMs > DURATION_S * 1_000 ? [`${name} round ${index + 1}`] : [])),
  );
  console.log(
    overran.length === 0
      ? `\nevery run's ${SWITCHES} switches ended inside its ${DURATION_S} s of load`
      : `\nswitching outlasted the ${DURATION_S} s of load in: ${overran.join('; ')}`,
  );
}

const guard = setTimeout(() => {
  console.error('zero-downtime bench: still running after 30 minutes, stopping');
  process.exit(2);
}, 30 * 60_000);
guard.unref();
await main();
