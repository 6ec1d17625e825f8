// `pnpm bench health-check`: how fast the bundled health-check notices a service turning unhealthy (against
// failure-threshold × interval + timeout), how fast its blue-green rollback puts traffic back through a real HAProxy,
// what watching 50 URLs and 3 Prometheus metrics every second costs in CPU, and, on the same scripted server, what a
// `curl --fail --retry` loop reports and how long it takes to notice. HEALTH_CHECK_BENCH_QUICK=1 shortens the cost run.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { inputEnvironment, node24Path, readActionManifest } from '@actions-kit/harness';
import {
  colorAt,
  startColorBackend,
  startHaproxy,
  startMetricsExporter,
  startPrometheus,
  startScriptedServer,
  type ScriptedServer,
} from '@actions-kit/testkit';
import type { Benchmark, BenchContext, BenchmarkResult } from '../benchmark.js';
import { busyWarning, describeMachine, machineLine } from '../machine.js';
import { median } from '../statistics.js';
import { renderTextTable } from '../text-table.js';

const ROUNDS = 5;
const INTERVAL_MS = 1_000;
const TIMEOUT_MS = 500;
const FAILURE_THRESHOLD = 3;
const DETECTION_BOUND_MS = FAILURE_THRESHOLD * INTERVAL_MS + TIMEOUT_MS;
const OK = { status: 200, body: '{"status":"ok"}' };
const ERROR_PAGE = { status: 200, body: '<html><h1>Internal Server Error</h1></html>' };

interface Launched {
  /** When a line matching `pattern` was printed (performance.now()), once it is. */
  lineAt(pattern: RegExp): Promise<number>;
  exited: Promise<{ code: number | null; cpuMs?: number; wallMs?: number; peakRssKiB?: number }>;
}

/** The bundle run as the runner runs it (INPUT_* from action.yml), its stdout read line by line as it comes. */
async function launch(root: string, scratch: string, inputs: Record<string, string>, timed = false): Promise<Launched> {
  const actionDir = path.join(root, 'actions/health-check');
  const manifest = await readActionManifest(actionDir);
  const env = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? '',
    RUNNER_TEMP: scratch,
    ...inputEnvironment(manifest, inputs),
  };
  const node = nodeBinary();
  const entry = path.join(actionDir, 'dist/index.js');
  const timeFile = path.join(scratch, `time-${performance.now()}.txt`);
  const child = timed
    ? spawn('/usr/bin/time', ['-f', '%e %U %S %M', '-o', timeFile, node, entry], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    : spawn(node, [entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Array<{ at: number; line: string }> = [];
  const waiters: Array<{ pattern: RegExp; resolve: (at: number) => void }> = [];
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const at = performance.now();
    pending += chunk.toString();
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const line of parts) {
      lines.push({ at, line });
      for (const waiter of waiters.filter((w) => w.pattern.test(line))) waiter.resolve(at);
    }
  });
  child.stderr.resume();
  const exited = new Promise<{ code: number | null }>((resolve) =>
    child.once('exit', (code) => resolve({ code })),
  ).then((result) => {
    if (!timed) return result;
    const [wall, user, system, rss] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
    return { ...result, wallMs: wall! * 1000, cpuMs: (user! + system!) * 1000, peakRssKiB: rss! };
  });
  return {
    lineAt: (pattern) => {
      const seen = lines.find((entry) => pattern.test(entry.line));
      if (seen) return Promise.resolve(seen.at);
      return new Promise((resolve) => waiters.push({ pattern, resolve }));
    },
    exited,
  };
}

function nodeBinary(): string {
  try {
    return node24Path();
  } catch {
    return process.execPath;
  }
}

const watchInputs = (url: string, extra: Record<string, string> = {}): Record<string, string> => ({
  url,
  mode: 'watch',
  'watch-duration': '1m',
  interval: `${INTERVAL_MS}ms`,
  timeout: `${TIMEOUT_MS}ms`,
  'failure-threshold': String(FAILURE_THRESHOLD),
  'expect-body': '"status":"ok"',
  ...extra,
});

/** Server healthy, then unhealthy at a random point of the interval; ms from that moment to the decision. */
async function detectionOnce(root: string, scratch: string, server: ScriptedServer): Promise<number> {
  server.setScript(() => OK);
  const run = await launch(root, scratch, watchInputs(server.url, { rollback: 'command', 'rollback-command': 'true' }));
  await run.lineAt(/round 2 /);
  await delay(Math.random() * INTERVAL_MS);
  const flipped = performance.now();
  server.setScript(() => ({ status: 500, body: 'down' }));
  const decided = await run.lineAt(/health-check: rolling back/);
  await run.exited;
  return decided - flipped;
}

/** Decision to the first answer from the old color through HAProxy, polled every 2 ms. */
async function rollbackOnce(root: string, scratch: string, context: BenchContext): Promise<number> {
  const dir = mkdtempSync(path.join(scratch, 'haproxy-'));
  const blue = await startColorBackend('blue');
  const green = await startColorBackend('green');
  const haproxy = await startHaproxy(dir, { blue: blue.port, green: green.port });
  const service = await startScriptedServer(() => ({ status: 500 }));
  try {
    const run = await launch(
      root,
      scratch,
      watchInputs(service.url, {
        interval: '200ms',
        'expect-body': '',
        rollback: 'blue-green',
        provider: 'haproxy',
        'haproxy-socket': haproxy.socket,
        'haproxy-backend': 'app',
      }),
    );
    const decided = await run.lineAt(/health-check: rolling back/);
    let back = 0;
    while (back === 0) {
      if ((await colorAt(haproxy.url)) === 'green') back = performance.now();
      else await delay(2);
    }
    await run.exited;
    return back - decided;
  } catch (error) {
    context.progress(`health-check: rollback run failed: ${(error as Error).message}`);
    throw error;
  } finally {
    await Promise.all([service.stop(), haproxy.stop(), blue.stop(), green.stop()]);
  }
}

interface CostFigures {
  urls: number;
  metrics: number;
  seconds: number;
  cpuMs: number;
  wallMs: number;
  corePercent: number;
  peakRssMiB: number;
}

async function costRun(root: string, scratch: string, seconds: number): Promise<CostFigures> {
  const exporter = await startMetricsExporter(0.001);
  const prometheusDir = mkdtempSync(path.join(scratch, 'prometheus-'));
  const prometheus = await startPrometheus(prometheusDir, exporter.address);
  const server = await startScriptedServer(() => OK);
  try {
    const urls = Array.from({ length: 50 }, (_, i) => `${server.url}service/${i}/health`);
    const metrics = ['max(app_error_ratio)', 'avg(app_error_ratio)', 'sum(app_error_ratio)']
      .map((query, i) => `- name: m${i}\n  query: ${query}\n  condition: "< 0.5"\n  on-empty: inconclusive`)
      .join('\n');
    const run = await launch(
      root,
      scratch,
      watchInputs(urls.join('\n'), {
        'watch-duration': `${seconds}s`,
        metrics,
        'prometheus-url': prometheus.url.href,
      }),
      true,
    );
    const { cpuMs = 0, wallMs = 0, peakRssKiB = 0, code } = await run.exited;
    if (code !== 0) throw new Error(`the cost run ended with exit code ${code}`);
    return {
      urls: urls.length,
      metrics: 3,
      seconds,
      cpuMs,
      wallMs,
      corePercent: (cpuMs / wallMs) * 100,
      peakRssMiB: peakRssKiB / 1024,
    };
  } finally {
    await Promise.all([server.stop(), prometheus.stop(), exporter.stop()]);
  }
}

/** What most workflows run today: curl in a loop, retrying, until it fails. */
function curlLoop(url: string): { exited: Promise<number>; stop(): void } {
  const script = `while curl --fail --silent --show-error --max-time 0.5 --retry 3 --retry-delay 1 -o /dev/null '${url}'; do sleep 1; done`;
  const child = spawn('/bin/sh', ['-c', script], { stdio: 'ignore', detached: true });
  return {
    exited: new Promise((resolve) => child.once('exit', () => resolve(performance.now()))),
    stop: () => {
      try {
        process.kill(-(child.pid ?? 0), 'SIGKILL');
      } catch {
        // already gone
      }
    },
  };
}

async function curlNoticeOnce(server: ScriptedServer): Promise<number> {
  server.setScript(() => OK);
  const loop = curlLoop(server.url);
  await delay(1_500 + Math.random() * INTERVAL_MS);
  const flipped = performance.now();
  server.setScript(() => ({ status: 500, body: 'down' }));
  const noticed = await Promise.race([loop.exited, delay(30_000).then(() => Number.NaN)]);
  loop.stop();
  return noticed - flipped;
}

/** What each reports for an error page served with 200: curl's exit code, health-check's decision. */
async function errorPageVerdicts(
  root: string,
  scratch: string,
  server: ScriptedServer,
): Promise<{ curl: string; healthCheck: string }> {
  server.setScript(() => ERROR_PAGE);
  const curl = await new Promise<number | null>((resolve) =>
    spawn('curl', ['--fail', '--silent', '--retry', '3', '-o', '/dev/null', server.url], { stdio: 'ignore' }).once(
      'exit',
      resolve,
    ),
  );
  const run = await launch(root, scratch, watchInputs(server.url, { interval: '200ms' }));
  const verdict = await Promise.race([
    run.lineAt(/healthy: /).then(() => 'healthy'),
    run.lineAt(/::error::/).then(() => 'unhealthy (body)'),
  ]);
  await run.exited;
  return { curl: curl === 0 ? 'success (exit 0)' : `failure (exit ${curl})`, healthCheck: verdict };
}

async function run(context: BenchContext): Promise<BenchmarkResult> {
  const { root, progress } = context;
  const machine = describeMachine();
  const quick = process.env['HEALTH_CHECK_BENCH_QUICK'] === '1';
  const scratch = mkdtempSync(path.join(tmpdir(), 'bench-health-check-'));
  const server = await startScriptedServer(() => OK);
  try {
    const detection: number[] = [];
    const curlNotice: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      progress(`health-check: detection ${i + 1}/${ROUNDS}…`);
      detection.push(await detectionOnce(root, scratch, server));
      progress(`health-check: curl loop ${i + 1}/${ROUNDS}…`);
      curlNotice.push(await curlNoticeOnce(server));
    }
    const rollback: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      progress(`health-check: blue-green rollback through HAProxy ${i + 1}/${ROUNDS}…`);
      rollback.push(await rollbackOnce(root, scratch, context));
    }
    progress('health-check: error page served with 200…');
    const errorPage = await errorPageVerdicts(root, scratch, server);
    const seconds = quick ? 15 : 60;
    progress(`health-check: cost, 50 URLs and 3 metrics every 1s for ${seconds}s…`);
    const cost = await costRun(root, scratch, seconds);

    const fmt = (ms: number): string => ms.toFixed(0);
    const rows = [
      [
        'detection (unhealthy → decision)',
        fmt(median(detection)),
        detection.map(fmt).join(' '),
        `≤ ${DETECTION_BOUND_MS + 100}`,
        median(detection) <= DETECTION_BOUND_MS + 100 ? 'PASS' : 'OVER',
      ],
      [
        'rollback (decision → old color via HAProxy)',
        fmt(median(rollback)),
        rollback.map(fmt).join(' '),
        '≤ 500',
        median(rollback) <= 500 ? 'PASS' : 'OVER',
      ],
      [
        'curl --fail --retry 3 loop (unhealthy → exit)',
        fmt(median(curlNotice)),
        curlNotice.map(fmt).join(' '),
        '–',
        '–',
      ],
    ];
    const costLine =
      `cost: ${cost.urls} URLs + ${cost.metrics} metrics every 1s for ${cost.seconds}s: CPU ${fmt(cost.cpuMs)} ms over ` +
      `${fmt(cost.wallMs)} ms = ${cost.corePercent.toFixed(2)}% of one core (target < 5%: ${cost.corePercent < 5 ? 'PASS' : 'OVER'}), ` +
      `peak RSS ${cost.peakRssMiB.toFixed(1)} MiB`;
    const method =
      `bundle on ${nodeBinary() === process.execPath ? 'this node' : 'Node 24'}, watch mode, interval ${INTERVAL_MS} ms, ` +
      `timeout ${TIMEOUT_MS} ms, failure-threshold ${FAILURE_THRESHOLD} (bound ${DETECTION_BOUND_MS} ms); decision = ` +
      `the moment the action prints "rolling back"; ${ROUNDS} runs each, the server turned unhealthy at a random ` +
      'point of the interval; cost CPU = user + system time from GNU time';
    const lines = [
      `health-check — ${machineLine(machine)}; ${method}`,
      ...[busyWarning(machine)].filter((line) => line !== undefined),
      '',
      renderTextTable(['measure', 'median ms', 'runs ms', 'target ms', 'verdict'], rows),
      '',
      costLine,
      `error page served with 200: curl --fail reports ${errorPage.curl}; health-check (expect-body) reports ${errorPage.healthCheck}`,
    ];
    return {
      text: lines.join('\n'),
      json: {
        benchmark: 'health-check',
        date: new Date().toISOString(),
        machine: { ...machine, summary: machineLine(machine) },
        method,
        detectionBoundMs: DETECTION_BOUND_MS,
        detectionMs: detection,
        rollbackMs: rollback,
        curlNoticeMs: curlNotice,
        errorPage,
        cost,
      },
    };
  } finally {
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

export const benchmark: Benchmark = {
  name: 'health-check',
  description: 'detection and rollback latency, CPU cost of 50 URLs + 3 metrics, and a curl --retry loop beside it',
  run,
};
