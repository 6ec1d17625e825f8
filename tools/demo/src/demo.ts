// The whole flow on this machine, as the sample service's pipeline runs it on GitHub, every gate and deploy step a
// bundled action run through the harness: tests and lint → quality gate → security scan → a blue-green deploy of a
// good release → a bad release, which the health check catches after the switch and rolls back. Each stage ends
// in a recap line; a stage that fails stops the flow, as a failed job stops a pipeline.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { countOf } from '@actions-kit/core';
import { freePort } from '@actions-kit/testkit';
import { type ActionNode, ActionSteps } from './action-steps.js';
import { type Release, deployRelease } from './blue-green.js';
import { Cleanup, stopInstances } from './cleanup.js';
import type { Color } from './flag-proxy.js';
import { renderPage } from './html-page.js';
import type { Progress } from './progress.js';
import { type ProxyChoice, startDemoProxy } from './proxies.js';
import { type DemoVerdict, type StageResult, demoVerdict, stageLine, trafficLine } from './recap.js';
import { type ScannerChoice, scan } from './scanners.js';
import { checkOutService, runCommand, runLint, runTests } from './service-checks.js';
import { type TrafficFigures, startUserTraffic } from './user-traffic.js';

export interface DemoOptions {
  root: string;
  /** Where everything goes (git-ignored): the service's checkout and reports, the hosts, the proxy, the page. */
  out: string;
  proxy: ProxyChoice;
  scanners: ScannerChoice;
  node: ActionNode;
  cancel: AbortSignal;
}

export interface DemoResult {
  stages: StageResult[];
  traffic?: TrafficFigures;
  verdict: DemoVerdict;
  page: string;
}

const GOOD: Release = { version: '1.1.0', kind: 'good', breaksAfter: 50 };
/** Breaks once it has served this many user requests after the switch: about a second of the demo's traffic. */
const BAD: Release = { version: '1.2.0', kind: 'bad', breaksAfter: 60 };
const QUALITY_CONDITIONS = ['tests.failed == 0', 'tests.errored == 0', 'lint.errors == 0', 'coverage.lines >= 80'];

export class CancelledError extends Error {}

export async function runDemo(options: DemoOptions, progress: Progress): Promise<DemoResult> {
  const serviceDir = path.join(options.out, 'service');
  const hostsDir = path.join(options.out, 'hosts');
  const steps = new ActionSteps({
    root: options.root,
    workspace: serviceDir,
    node: options.node,
    cancel: options.cancel,
    onStart: (step) => {
      if (options.cancel.aborted) throw new CancelledError('cancelled');
      progress.waitingOn(step);
    },
  });
  const stages: StageResult[] = [];
  const lines: string[] = [];
  const say = (line: string): void => {
    lines.push(line);
    progress.print(line);
  };
  const stage = async (name: string, work: () => Promise<Omit<StageResult, 'name' | 'durationMs'>>) => {
    progress.begin(name);
    const started = performance.now();
    const result = { name, ...(await work()), durationMs: Math.round(performance.now() - started) };
    progress.done();
    stages.push(result);
    say(stageLine(result));
    return result;
  };
  const cleanup = new Cleanup();
  let traffic: TrafficFigures | undefined;
  try {
    say(`Actions run through the harness as GitHub's runner runs them, with ${options.node.description}.`);
    await mkdir(options.out, { recursive: true });

    const tests = await stage('tests and lint', async () => {
      steps.starting('check out the sample service');
      await checkOutService(options.root, serviceDir);
      steps.starting('node --test with coverage');
      const tested = await runTests(serviceDir);
      steps.add({ job: 'quality', name: 'tests (node --test, coverage)', outcome: tested.outcome, ...asLog(tested) });
      steps.starting('eslint');
      const linted = await runLint(serviceDir);
      steps.add({ job: 'quality', name: 'lint (eslint)', outcome: linted.outcome, ...asLog(linted) });
      const passed = tested.outcome === 'success' && linted.outcome === 'success';
      return {
        passed,
        verdict: passed ? 'ran' : 'failed',
        detail: passed ? 'JUnit XML, LCOV and ESLint JSON written for the gate' : firstLine(tested, linted),
        asDesigned: passed,
        expected: 'the tests and lint to run',
      };
    });
    if (!tests.passed) return await finish();

    const quality = await stage('quality gate', async () => {
      const gate = await steps.run('quality', 'quality gate', 'quality-gate', {
        coverage: 'reports/lcov.info',
        tests: 'reports/junit.xml',
        lint: 'reports/eslint.json',
        conditions: QUALITY_CONDITIONS.join('\n'),
        'result-output': 'reports/quality-gate.json',
      });
      const out = gate.outputs;
      const passed = gate.outcome === 'success';
      return {
        passed,
        verdict: passed ? 'passed' : 'failed',
        detail:
          `${countOf(Number(out['tests-total'] ?? 0), 'test')}, ${out['tests-failed'] ?? '?'} failed; ` +
          `${out['coverage-lines'] ?? '?'}% of lines covered; ${countOf(Number(out['lint-errors'] ?? 0), 'lint error')}`,
        asDesigned: passed,
        expected: 'the clean sample to pass',
      };
    });
    if (!quality.passed) return await finish();

    const security = await stage('security scan', async () => {
      steps.starting('the scanners');
      const sources = await scan(options.root, serviceDir, options.scanners);
      for (const source of sources) say(`   ${source.scanner}: ${source.how}, ${source.detail}`);
      const reports = sources.flatMap((source) => (source.report ? [source.report] : []));
      const scanned = await steps.run('security', 'security scan', 'security-scan', {
        reports: reports.join('\n'),
        'sarif-output': 'reports/security-scan.sarif',
        'report-output': 'reports/security-scan.json',
      });
      const passed = scanned.outcome === 'success';
      const read = sources.filter((source) => source.report).map((source) => `${source.scanner} (${source.how})`);
      return {
        passed,
        verdict: passed ? 'passed' : 'failed',
        detail: `${countOf(Number(scanned.outputs['total'] ?? 0), 'finding')} in the reports of ${read.join(', ')}`,
        asDesigned: passed,
        expected: 'no finding on the clean sample',
      };
    });
    if (!security.passed) return await finish();

    // The host: blue live with 1.0.0, green idle with 1.0.0, the proxy in front, users on it.
    progress.begin('starting the service and the proxy');
    await rm(hostsDir, { recursive: true, force: true });
    await mkdir(hostsDir, { recursive: true });
    const ports: Record<Color, number> = { blue: await freePort(), green: await freePort() };
    cleanup.add('the sample service instances', () => stopInstances(hostsDir));
    for (const color of ['blue', 'green'] as const) {
      await writeFile(path.join(hostsDir, `${color}.port`), String(ports[color]));
      const started = await runCommand(process.execPath, [path.join(serviceDir, 'deploy-local.js')], {
        cwd: serviceDir,
        env: { PATH: process.env['PATH'] ?? '', DEPLOY_COLOR: color, SAMPLE_DEPLOY_DIR: hostsDir, VERSION: '1.0.0' },
      });
      if (started.outcome !== 'success') throw new Error(`starting the ${color} instance failed: ${started.output}`);
    }
    const proxyDir = path.join(options.out, 'proxy');
    await rm(proxyDir, { recursive: true, force: true });
    const proxy = await startDemoProxy(options.proxy, proxyDir, ports);
    cleanup.add('the proxy', () => proxy.stop());
    progress.done();
    say(`Proxy: ${proxy.name} (${proxy.why}); blue live with 1.0.0, green idle.`);
    const users = startUserTraffic(proxy.url);
    cleanup.add('the user traffic', async () => void (await users.stop()));
    progress.traffic = () => users.figures();

    const target = {
      serviceDir,
      hostsDir,
      ports,
      proxyUrl: proxy.url,
      providerInputs: proxy.providerInputs,
      watch: '4s',
    };
    for (const release of [GOOD, BAD]) {
      const wanted = release.kind === 'good' ? 'deployed' : 'rolled back';
      await stage(`deploy ${release.version} (${release.kind})`, async () => {
        const verdict = await deployRelease(
          steps,
          `deploy ${release.version} (${release.kind} release)`,
          release,
          target,
        );
        const wantedLive = release.kind === 'good' ? verdict.target : verdict.previous;
        return {
          passed: verdict.result === 'deployed',
          verdict: verdict.result,
          detail: `${verdict.why}; live now: ${verdict.active ?? 'unknown'}`,
          asDesigned: verdict.result === wanted && verdict.active !== undefined && verdict.active === wantedLive,
          expected: `${wanted}, ${wantedLive} live`,
        };
      });
    }
    traffic = await users.stop();
    say(trafficLine(traffic));
    return await finish();
  } finally {
    progress.done();
    const problems = await cleanup.run();
    for (const problem of problems) progress.print(`⚠ could not stop ${problem}`);
  }

  async function finish(): Promise<DemoResult> {
    const verdict = demoVerdict(stages, traffic);
    const page = path.join(options.out, 'index.html');
    const title = 'actions-kit demo: the sample service, tested, gated, scanned and deployed';
    await writeFile(page, renderPage({ title, recap: [...lines, verdict.text], steps: steps.records }));
    // Each summary's Markdown too, as the runner uploads it, for reading raw or diffing between runs.
    const summaries = path.join(options.out, 'summaries');
    await rm(summaries, { recursive: true, force: true });
    await mkdir(summaries);
    for (const [index, step] of steps.records.entries()) {
      if (step.summary === '') continue;
      const name = `${String(index + 1).padStart(2, '0')} ${step.job} ${step.name}`.replace(/[^\w.-]+/g, '-');
      await writeFile(path.join(summaries, `${name}.md`), step.summary);
    }
    return { stages, traffic, verdict, page };
  }
}

function asLog(step: { durationMs: number; output: string }) {
  return { durationMs: step.durationMs, outputs: {}, summary: '', log: step.output };
}

function firstLine(...commands: { outcome: string; output: string }[]): string {
  const failed = commands.find((command) => command.outcome !== 'success');
  return failed?.output.split('\n').find((line) => line.trim() !== '') ?? 'failed';
}
