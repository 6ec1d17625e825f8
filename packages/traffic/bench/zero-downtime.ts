// Zero-downtime benchmark (not a test): through each proxy, wrk holds keep-alive load for 10 s while traffic is
// switched 16 times; it counts failed requests and the time from each switch's return until new connections only get
// the new color, for the providers and, in the same run, the naive ways (nginx rewrite + reload, plain Caddy PATCH).
// Loopback only, bounded: every wrk run lasts 10 s and the whole run is killed after 15 minutes.
// Usage: npx tsx packages/traffic/bench/zero-downtime.ts [--rounds 3] [--connections 32]
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createProvider, httpColorProbe, renderUpstreamBlock, switchTraffic, type Color } from '../src/index.js';
import { caddyFlagRoutes, nginxFlagLocation, nginxFlagUpstreams } from '../__tests__/support/flag-configs.js';
import {
  colorAt,
  requireBinary,
  startCaddy,
  startHaproxy,
  startNginx,
  startProcess,
  type Stoppable,
} from '../__tests__/support/real-proxies.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const argument = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const ROUNDS = argument('rounds', 3);
const CONNECTIONS = argument('connections', 32);
const DURATION_S = 10;
const SWITCHES = 16;

interface Backends {
  blue: string;
  green: string;
}

interface Rig extends Stoppable {
  url: string;
  switchTo(color: Color): Promise<void>;
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

async function providerSwitch(url: string, provider: ReturnType<typeof createProvider>, color: Color): Promise<void> {
  const report = await switchTraffic({ provider, target: color, verify: verifyPolicy(url) });
  if (report.outcome !== 'switched') throw new Error(`switch to ${color}: ${report.outcome} ${report.problem ?? ''}`);
}

const scenarios: Scenario[] = [
  {
    name: 'haproxy: runtime API (provider)',
    async start(dir, backends) {
      const haproxy = await startHaproxy(dir, { blue: port(backends.blue), green: port(backends.green) });
      const provider = createProvider('haproxy', { haproxySocket: haproxy.socket, haproxyBackend: 'app' });
      return { ...haproxy, switchTo: (color) => providerSwitch(haproxy.url, provider, color) };
    },
  },
  {
    name: 'nginx: naive rewrite + reload',
    async start(dir, backends) {
      const upstream = (color: Color) => `upstream app { server ${backends[color]}; keepalive 32; }\n`;
      await writeFile(path.join(dir, 'upstream.conf'), upstream('blue'));
      const nginx = await startNginx(dir);
      return {
        ...nginx,
        switchTo: async (color) => {
          await writeFile(nginx.upstreamFile, upstream(color));
          await run('/bin/sh', ['-c', nginx.reloadCommand]);
        },
      };
    },
  },
  {
    name: 'nginx: include + test + reload (provider)',
    async start(dir, backends) {
      const servers = { blue: [backends.blue], green: [backends.green] };
      const seed = { servers: [], otherDirectives: ['keepalive 32'] };
      await writeFile(path.join(dir, 'upstream.conf'), renderUpstreamBlock('app', 'blue', servers, seed));
      const nginx = await startNginx(dir);
      const provider = createProvider('nginx', {
        nginxUpstreamFile: nginx.upstreamFile,
        nginxUpstreamName: 'app',
        nginxTestCommand: nginx.testCommand,
        nginxReloadCommand: nginx.reloadCommand,
        blueServers: servers.blue,
        greenServers: servers.green,
      });
      return { ...nginx, switchTo: (color) => providerSwitch(nginx.url, provider, color) };
    },
  },
  {
    name: 'nginx: flag file, no reload (provider)',
    async start(dir, backends) {
      const flagFile = path.join(dir, 'app.green');
      await writeFile(path.join(dir, 'upstream.conf'), nginxFlagUpstreams(backends));
      const nginx = await startNginx(dir, { location: nginxFlagLocation(flagFile) });
      const provider = createProvider('flag-file', { flagFile });
      return { ...nginx, switchTo: (color) => providerSwitch(nginx.url, provider, color) };
    },
  },
  {
    name: 'caddy: naive PATCH',
    async start(dir, backends) {
      const caddy = await startCaddy(dir, backends.blue);
      return {
        ...caddy,
        switchTo: async (color) => {
          const response = await fetch(`${caddy.adminUrl}/id/app/upstreams`, {
            method: 'PATCH',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify([{ dial: backends[color] }]),
          });
          if (!response.ok) throw new Error(`PATCH: HTTP ${response.status}`);
        },
      };
    },
  },
  {
    name: 'caddy: PATCH with If-Match (provider)',
    async start(dir, backends) {
      const caddy = await startCaddy(dir, backends.blue);
      const provider = createProvider('caddy', {
        caddyAdminUrl: caddy.adminUrl,
        caddyHandlerId: 'app',
        blueServers: [backends.blue],
        greenServers: [backends.green],
      });
      return { ...caddy, switchTo: (color) => providerSwitch(caddy.url, provider, color) };
    },
  },
  {
    name: 'caddy: flag file, no config change (provider)',
    async start(dir, backends) {
      const caddy = await startCaddy(dir, backends.blue, { routes: caddyFlagRoutes(dir, 'app.green', backends) });
      const provider = createProvider('flag-file', { flagFile: path.join(dir, 'app.green') });
      return { ...caddy, switchTo: (color) => providerSwitch(caddy.url, provider, color) };
    },
  },
];

function port(address: string): number {
  return Number(address.split(':').pop());
}

interface Figures {
  requests: number;
  perSecond: number;
  failed: number;
  failures: string;
  /** Slowest, over the switches, time from a switch's return to new connections getting only the new color. */
  worstConvergenceMs: number;
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

/** Time from now until `count` consecutive fresh-connection answers are `color`; the last wrong answer's time. */
async function convergence(url: string, color: Color, count = 20): Promise<number> {
  const started = performance.now();
  let lastWrong = started;
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
  return lastWrong - started;
}

function parseWrk(output: string): Omit<Figures, 'worstConvergenceMs'> {
  const number = (pattern: RegExp): number => Number(pattern.exec(output)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const [connect, read, write, timeout] = (socket?.slice(1) ?? ['0', '0', '0', '0']).map(Number);
  const non2xx = number(/Non-2xx or 3xx responses: (\d+)/);
  const failed = (connect ?? 0) + (read ?? 0) + (write ?? 0) + (timeout ?? 0) + non2xx;
  return {
    requests: number(/(\d+) requests in/),
    perSecond: Math.round(number(/Requests\/sec:\s+([\d.]+)/)),
    failed,
    failures:
      failed === 0 ? '-' : `connect ${connect}, read ${read}, write ${write}, timeout ${timeout}, non-2xx ${non2xx}`,
  };
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
    const wrk = startProcess('wrk', ['-t1', `-c${CONNECTIONS}`, `-d${DURATION_S}s`, '--timeout', '2s', rig.url], {
      cwd: dir,
    });
    const interval = ((DURATION_S - 1.5) * 1_000) / SWITCHES;
    let worst = 0;
    await delay(500);
    for (let i = 0; i < SWITCHES; i += 1) {
      const color: Color = i % 2 === 0 ? 'green' : 'blue';
      const started = performance.now();
      await rig.switchTo(color);
      worst = Math.max(worst, await convergence(rig.url, color));
      await delay(Math.max(0, interval - (performance.now() - started)));
    }
    await wrk.exited;
    return { ...parseWrk(wrk.output()), worstConvergenceMs: Math.round(worst) };
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
  console.log(`# zero-downtime switch benchmark`);
  console.log(
    `machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${os.type()} ${os.release()}; ${versions.join('; ')}`,
  );
  console.log(
    `load: wrk -t1 -c${CONNECTIONS} -d${DURATION_S}s (keep-alive), ${SWITCHES} switches per run, ${ROUNDS} rounds\n`,
  );
  const results = new Map<string, Figures[]>();
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const scenario of scenarios) {
      const figures = await measure(scenario);
      results.set(scenario.name, [...(results.get(scenario.name) ?? []), figures]);
      console.log(
        `round ${round} | ${scenario.name} | ${figures.requests} requests (${figures.perSecond}/s) | failed ${figures.failed} (${figures.failures}) | worst time to 100% new color ${figures.worstConvergenceMs} ms`,
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
}

const guard = setTimeout(() => {
  console.error('zero-downtime bench: still running after 15 minutes, stopping');
  process.exit(2);
}, 15 * 60_000);
guard.unref();
await main();
