// Start-up benchmark: the wall time of each bundled action's main step with minimal inputs, against node running an
// empty script through the same harness, interleaved, on the node running this (Node 20 here) and the pinned Node 24.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadActionManifests } from '@actions-kit/checks/action-manifests';
import { node24Path, runBundledAction, type RunOptions } from '@actions-kit/harness';
import { readBenchInputs } from '../bench-inputs.js';
import { withLoopback } from '../loopback.js';
import type { Benchmark, BenchContext } from '../benchmark.js';
import { busyWarning, describeMachine, machineLine } from '../machine.js';
import { createPeakRssProbe, type PeakRssProbe } from '../peak-rss.js';
import { startupFigures, startupTable, TARGET_RATIO, type StartupFigures } from '../startup-report.js';

/** Runs per case to read peak RSS from: memory varies far less than time, and the wrapper costs time. */
const RSS_RUNS = 3;
const WARM_UP_RUNS = 2;

interface NodeBinary {
  path: string;
  version: string;
}

interface Case {
  action: string;
  actionDir: string;
  inputs: Record<string, string>;
}

function nodeVersion(nodePath: string): string {
  const result = spawnSync(nodePath, ['--version'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`'${nodePath} --version' failed: ${result.error?.message ?? result.stderr}`);
  return result.stdout.trim();
}

/** The node binaries to measure on; one whose version is already listed is measured once. */
function nodeBinaries(progress: (line: string) => void): { nodes: NodeBinary[]; skipped: string[] } {
  const nodes: NodeBinary[] = [{ path: process.execPath, version: nodeVersion(process.execPath) }];
  const skipped: string[] = [];
  try {
    const node24 = node24Path();
    const version = nodeVersion(node24);
    if (!nodes.some((node) => node.version === version)) nodes.push({ path: node24, version });
  } catch (error) {
    const reason = `Node 24 not measured: ${(error as Error).message}`;
    skipped.push(reason);
    progress(reason);
  }
  return { nodes, skipped };
}

/**
 * The baseline: an action whose main is an empty file, so the harness runs `node <empty script>` (the same work as
 * `node -e 0`) with the same environment, spawn options and timer as the real actions.
 */
function writeBaselineAction(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'action.yml'),
    'name: baseline\ndescription: node on an empty script\nruns:\n  using: node24\n  main: index.js\n',
  );
  writeFileSync(path.join(dir, 'index.js'), '');
}

async function runOnce(options: RunOptions, what: string): Promise<number> {
  const result = await runBundledAction({ ...options, post: false });
  if (result.outcome !== 'success') {
    const stderr = result.stderr.trim().split('\n').slice(-5).join('\n');
    throw new Error(
      `${what} ended in ${result.outcome} (exit ${result.exitCode ?? result.signal}), so its time would be a failure's; ` +
        `fix its bench.json inputs or the action.\n${stderr}`,
    );
  }
  return result.durationMs;
}

async function measureCase(
  benchCase: Case,
  baselineDir: string,
  node: NodeBinary,
  probe: PeakRssProbe,
  runs: number,
): Promise<StartupFigures> {
  const actionRun: RunOptions = { actionDir: benchCase.actionDir, inputs: benchCase.inputs, nodePath: node.path };
  const baselineRun: RunOptions = { actionDir: baselineDir, nodePath: node.path };
  const what = `${benchCase.action} on node ${node.version}`;
  for (let i = 0; i < WARM_UP_RUNS; i++) {
    await runOnce(baselineRun, 'the baseline');
    await runOnce(actionRun, what);
  }
  const actionMs: number[] = [];
  const baselineMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Alternating which goes first keeps any drift (CPU frequency, caches) from favouring one side.
    if (i % 2 === 0) {
      baselineMs.push(await runOnce(baselineRun, 'the baseline'));
      actionMs.push(await runOnce(actionRun, what));
    } else {
      actionMs.push(await runOnce(actionRun, what));
      baselineMs.push(await runOnce(baselineRun, 'the baseline'));
    }
  }
  const actionRssKiB: number[] = [];
  const baselineRssKiB: number[] = [];
  for (let i = 0; i < RSS_RUNS; i++) {
    await runOnce({ ...baselineRun, nodePath: probe.nodePath, env: probe.env }, 'the baseline');
    baselineRssKiB.push(probe.read());
    await runOnce({ ...actionRun, nodePath: probe.nodePath, env: probe.env }, what);
    actionRssKiB.push(probe.read());
  }
  return startupFigures({
    action: benchCase.action,
    nodeVersion: node.version,
    actionMs,
    baselineMs,
    actionRssKiB,
    baselineRssKiB,
  });
}

export const benchmark: Benchmark = {
  name: 'startup',
  description: `start-up time of every bundled action against node on an empty script (target ≤ ${TARGET_RATIO}×)`,
  async run({ root, runs, progress }: BenchContext) {
    const cases: Case[] = [];
    const notMeasured: string[] = [];
    for (const manifest of loadActionManifests(root)) {
      const action = path.posix.basename(manifest.dir);
      const setting = readBenchInputs(root, manifest.dir, manifest.inputs, 'startup');
      if ('notMeasured' in setting) notMeasured.push(`${action}: not measured: ${setting.notMeasured}`);
      else cases.push({ action, actionDir: path.join(root, manifest.dir), inputs: setting.inputs });
    }
    const machine = describeMachine();
    const { nodes, skipped: skippedNodes } = nodeBinaries(progress);
    const skipped = [...skippedNodes, ...notMeasured];
    const scratchDir = mkdtempSync(path.join(tmpdir(), 'bench-startup-'));
    const figures: StartupFigures[] = [];
    let rssMethod = '';
    const loopback = await withLoopback(cases);
    try {
      const baselineDir = path.join(scratchDir, 'baseline-action');
      writeBaselineAction(baselineDir);
      for (const node of nodes) {
        const probe = createPeakRssProbe(node.path, scratchDir, node.version);
        rssMethod = probe.method;
        for (const benchCase of cases) {
          progress(`startup: ${benchCase.action} on node ${node.version}: ${runs} runs…`);
          figures.push(await measureCase(benchCase, baselineDir, node, probe, runs));
        }
      }
    } finally {
      rmSync(scratchDir, { recursive: true, force: true });
      loopback?.closeAllConnections();
      loopback?.close();
    }
    const method =
      `main step only, through runBundledAction (its durationMs: spawn to exit); baseline = node on an empty ` +
      `script through the same harness; ${runs} interleaved runs after ${WARM_UP_RUNS} warm-ups; ` +
      `peak RSS = median of ${RSS_RUNS} runs via ${rssMethod || 'n/a'}`;
    const lines = [
      `startup — ${machine.cpuModel}, ${machine.cores} cores; ${method}`,
      ...skipped,
      ...[busyWarning(machine)].filter((line) => line !== undefined),
      '',
      cases.length === 0 ? 'No actions found: nothing to measure.' : startupTable(figures),
    ];
    return {
      text: lines.join('\n'),
      json: {
        benchmark: 'startup',
        date: new Date().toISOString(),
        machine: { ...machine, summary: machineLine(machine) },
        method,
        runs,
        warmUpRuns: WARM_UP_RUNS,
        rssRuns: RSS_RUNS,
        rssMethod,
        targetRatio: TARGET_RATIO,
        skipped,
        results: figures,
      },
    };
  },
};
