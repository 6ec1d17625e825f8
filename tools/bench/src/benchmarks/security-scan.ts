// security-scan benchmark: the bundled action end to end (read, normalise, de-duplicate, policy, SARIF, JSON report,
// summary) on ~227 MB of Trivy, Bandit, Gitleaks, SARIF, Semgrep and npm audit reports, against a bare JSON.parse of
// the same bytes in the same run; with --huge, a Trivy report longer than V8's maximum string, which only streaming can read.
// The normal mode also runs, in the same run, this build and the build of TODAYS_BUILD (taken from git) on the earlier
// 187 MB set (the reports before Semgrep and npm audit were added): the issue that added them asks that throughput on
// all the inputs not drop below that build's on that set.
//
// `pnpm bench security-scan` runs the normal mode. The huge mode: `tsx tools/bench/src/benchmarks/security-scan.ts
// --huge` (or SECURITY_SCAN_BENCH_HUGE=1 pnpm bench security-scan, as `pnpm bench` itself accepts no --huge).
// SECURITY_SCAN_BENCH_NODE=24 runs every side on the pinned Node 24 instead of the node running the benchmark;
// SECURITY_SCAN_BENCH_BASELINE=<commit> compares with another build than TODAYS_BUILD.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { constants as bufferConstants } from 'node:buffer';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { node24Path, runBundledAction, type RunResult } from '@actions-kit/harness';
import {
  writeBanditReport,
  writeGitleaksReport,
  writeNpmAuditReport,
  writeSarifReport,
  writeSemgrepReport,
  writeTrivyReport,
} from '@actions-kit/testkit';
import type { Benchmark, BenchContext, BenchmarkResult } from '../benchmark.js';
import { busyWarning, describeMachine, machineLine } from '../machine.js';
import { createPeakRssProbe, type PeakRssProbe } from '../peak-rss.js';
import { median, percentile } from '../statistics.js';
import { renderTextTable } from '../text-table.js';

/** End to end may take at most this many times a bare JSON.parse of the same bytes. */
const TARGET_RATIO = 2.0;
/** … and must read at least this many MB (10^6 bytes) per second. */
const TARGET_MB_PER_S = 80;
/** … with a peak resident set of at most 1.5 GB (10^9 bytes), in KiB. */
const TARGET_PEAK_RSS_KIB = 1.5e9 / 1024;

/**
 * Each run takes seconds, so fewer runs than `--runs` asks for; the median of these is reported. On a busy machine
 * SECURITY_SCAN_BENCH_RUNS=<n> takes more (the ratios of single pairs spread by ±10% there).
 */
const RUNS = { normal: 5, huge: 3 } as const;
/** Untimed runs first, so both sides find the files in the page cache. */
const WARM_UP_RUNS = 1;
/** The harness' per-step timeout: a huge report takes tens of seconds on a busy 2-core machine. */
const STEP_TIMEOUT_MS = 15 * 60_000;

const ACTION_DIR = 'actions/security-scan';

/**
 * The build whose throughput on the 187 MB set is "today's figure" in the issue that added Semgrep and npm audit
 * (main just before their readers were merged): its bundle is taken from git and run in the same run, on that set.
 * SECURITY_SCAN_BENCH_BASELINE=<commit> compares with another build.
 */
const TODAYS_BUILD = {
  commit: '5e118b07697dddae68dc284f4c0fd539834fdbec',
  what: 'main before the Semgrep and npm audit readers (2026-12-04)',
};
const PACKAGE_PIPELINE = 'packages/findings/bench/end-to-end.ts';
const GENERATOR = 'packages/testkit/src/security-reports.ts';
const FLOOR_SCRIPT = 'packages/findings/bench/floor.ts';

type Mode = keyof typeof RUNS;

interface InputSpec {
  /** File name in the workspace (and the `reports` input). */
  name: string;
  /**
   * Part of the 187 MB set the benchmark measured before Semgrep and npm audit were added: the normal mode runs the
   * action on that set too, in the same run, so that adding the two readers' reports is judged against it.
   */
  earlierSet?: true;
  what: string;
  /** The reader for it (a `tool:` prefix would name it), for the floor. */
  reader: 'trivy' | 'bandit' | 'gitleaks' | 'sarif' | 'semgrep' | 'npm-audit';
  /** Active records the file holds: what the JSON report must say was read from it. */
  records: number;
  write: (file: string) => number;
}

const INPUTS: Record<Mode, InputSpec[]> = {
  normal: [
    {
      name: 'trivy.json',
      earlierSet: true,
      what: 'Trivy',
      reader: 'trivy',
      records: 100_000,
      write: (f) => writeTrivyReport(f, 100_000),
    },
    {
      name: 'bandit.json',
      earlierSet: true,
      what: 'Bandit',
      reader: 'bandit',
      records: 32_000,
      write: (f) => writeBanditReport(f, 32_000),
    },
    {
      name: 'gitleaks.json',
      earlierSet: true,
      what: 'Gitleaks',
      reader: 'gitleaks',
      records: 26_000,
      write: (f) => writeGitleaksReport(f, 26_000),
    },
    {
      name: 'semgrep.sarif',
      earlierSet: true,
      what: 'SARIF',
      reader: 'sarif',
      records: 26_000,
      write: (f) => writeSarifReport(f, 26_000),
    },
    {
      name: 'semgrep.json',
      what: 'Semgrep',
      reader: 'semgrep',
      records: 16_000,
      write: (f) => writeSemgrepReport(f, 16_000),
    },
    {
      name: 'npm-audit.json',
      what: 'npm audit',
      reader: 'npm-audit',
      // 19,500 packages: two of three with two advisories of their own.
      records: 26_000,
      write: (f) => writeNpmAuditReport(f, 19_500),
    },
  ],
  huge: [
    {
      name: 'trivy-huge.json',
      what: 'Trivy',
      reader: 'trivy',
      records: 700_000,
      write: (f) => writeTrivyReport(f, 700_000, 40, 7),
    },
  ],
};

export interface InputFile {
  name: string;
  what: string;
  reader: InputSpec['reader'];
  records: number;
  bytes: number;
  earlierSet: boolean;
}

export interface Inputs {
  dir: string;
  files: InputFile[];
  bytes: number;
  records: number;
  key: string;
}

/**
 * The reports for a mode, generated once into the OS temp folder and reused while the generator and the specs stay
 * the same (the folder name is a hash of both); folders of other keys are removed, as huge inputs are large.
 */
function prepareInputs(root: string, mode: Mode, progress: (line: string) => void): Inputs {
  const specs = INPUTS[mode];
  const key = createHash('sha256')
    .update(readFileSync(path.join(root, GENERATOR)))
    .update(JSON.stringify({ mode, specs: specs.map((s) => [s.name, s.records, s.write.toString()]) }))
    .digest('hex')
    .slice(0, 16);
  const parent = path.join(tmpdir(), 'actions-kit-bench-security-scan');
  const dir = path.join(parent, `${mode}-${key}`);
  const done = path.join(dir, 'generated.json');
  if (!existsSync(done)) {
    mkdirSync(parent, { recursive: true });
    for (const stale of readdirSync(parent).filter((name) => name.startsWith(`${mode}-`))) {
      rmSync(path.join(parent, stale), { recursive: true, force: true });
    }
    mkdirSync(dir, { recursive: true });
    for (const spec of specs) {
      progress(`security-scan: generating ${spec.name} (${spec.what}, ${spec.records} records)…`);
      spec.write(path.join(dir, spec.name));
    }
    writeFileSync(done, `${JSON.stringify({ key, files: specs.map((s) => s.name) })}\n`);
  }
  const files = specs.map((spec) => ({
    name: spec.name,
    what: spec.what,
    reader: spec.reader,
    records: spec.records,
    bytes: statSync(path.join(dir, spec.name)).size,
    earlierSet: spec.earlierSet === true,
  }));
  return inputsOf(dir, files, key);
}

export function inputsOf(dir: string, files: InputFile[], key: string): Inputs {
  const sum = (of: (file: InputFile) => number) => files.reduce((total, file) => total + of(file), 0);
  return { dir, files, bytes: sum((file) => file.bytes), records: sum((file) => file.records), key };
}

/** The earlier 187 MB set within the normal inputs (same folder), or undefined when the mode has none. */
export function earlierSetOf(inputs: Inputs): Inputs | undefined {
  const files = inputs.files.filter((file) => file.earlierSet);
  return files.length > 0 && files.length < inputs.files.length ? inputsOf(inputs.dir, files, inputs.key) : undefined;
}

/** What a bare parse does with each file: read it as text and JSON.parse it, timed from inside the process. */
const BARE_PARSE_SCRIPT = `
const { readFileSync } = require('node:fs');
let ms = 0;
for (const file of process.argv.slice(1)) {
  const started = performance.now();
  JSON.parse(readFileSync(file, 'utf8'));
  ms += performance.now() - started;
}
process.stdout.write(JSON.stringify({ ms }));
`;

export interface Sample {
  ms: number;
  rssKiB: number;
}

/** A floor run: its total and its two parts. */
type FloorSample = Sample & { parseMs: number; writeMs: number };

/** A bare JSON.parse of every file in a fresh node process: the summed parse times and the process's peak RSS. */
function bareParse(inputs: Inputs, probe: PeakRssProbe): Sample {
  const files = inputs.files.map((file) => path.join(inputs.dir, file.name));
  const result = spawnSync(probe.nodePath, ['-e', BARE_PARSE_SCRIPT, ...files], {
    encoding: 'utf8',
    env: { ...process.env, ...probe.env },
    maxBuffer: 1 << 20,
  });
  if (result.status !== 0) {
    throw new Error(`the bare JSON.parse failed (exit ${result.status ?? result.signal}): ${result.stderr.trim()}`);
  }
  const { ms } = JSON.parse(result.stdout) as { ms: number };
  return { ms, rssKiB: probe.read() };
}

/**
 * The floor (packages/findings/bench/floor.ts) in a fresh node process, after a run of the action left its outputs:
 * every report read by the streaming scanner keeping nothing, then the outputs stringified and written. Its peak RSS
 * is read but means little (the script holds the outputs' documents, which the action never does).
 */
function floorRun(root: string, inputs: Inputs, probe: PeakRssProbe): FloorSample {
  const reports = inputs.files.map((file) => `${file.reader}:${path.join(inputs.dir, file.name)}`);
  const result = spawnSync(
    probe.nodePath,
    ['--import', 'tsx', path.join(root, FLOOR_SCRIPT), ...reports, '--', ...outputsOf(inputs)],
    { cwd: root, encoding: 'utf8', env: { ...process.env, ...probe.env }, maxBuffer: 1 << 20 },
  );
  if (result.status !== 0) {
    throw new Error(`the floor run failed (exit ${result.status ?? result.signal}): ${result.stderr.trim()}`);
  }
  const rssKiB = probe.read();
  const measured = JSON.parse(result.stdout) as { ms: number; parseMs: number; writeMs: number };
  return { ...measured, rssKiB };
}

/**
 * The security-scan bundle of an earlier commit, extracted from git into `into` (its action.yml and dist/), run like
 * the current one; or why it cannot be (no git, a shallow clone without that commit).
 */
function earlierBuild(root: string, commit: string, into: string): Subject | { unavailable: string } {
  const archive = spawnSync('git', ['-C', root, 'archive', '--format=tar', commit, ACTION_DIR], {
    maxBuffer: 256 << 20,
  });
  if (archive.status !== 0) {
    const why = archive.error?.message ?? archive.stderr.toString().trim();
    return { unavailable: `git archive ${commit.slice(0, 12)} failed (${why}); a full clone has that commit` };
  }
  const extract = spawnSync('tar', ['-x', '-C', into], { input: archive.stdout });
  if (extract.status !== 0) {
    return { unavailable: `tar could not extract the earlier build: ${extract.stderr.toString().trim()}` };
  }
  const actionDir = path.join(into, ACTION_DIR);
  if (!existsSync(path.join(actionDir, 'dist', 'index.js'))) {
    return { unavailable: `commit ${commit.slice(0, 12)} has no ${ACTION_DIR}/dist/index.js` };
  }
  return bundledAction(actionDir, `security-scan at ${commit.slice(0, 7)}`);
}

/** What is measured as "end to end": the bundled action when it is built, else the package pipeline. */
export interface Subject {
  label: string;
  /** How it is run and timed, for the method line. */
  how: string;
  /** One timed run; `records` is how many records it says it read (checked against what was generated). */
  run(inputs: Inputs, probe: PeakRssProbe): Promise<Sample & { records: number; outputs: Record<string, string> }>;
}

/** The records the JSON report says were read: the sum of its files' `raw`, from the head of the file. */
function recordsInReport(file: string): number {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(64 * 1024);
  const length = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const text = head.toString('utf8', 0, length);
  const files = text.slice(text.indexOf('"files"'), text.indexOf('"findings"'));
  return [...files.matchAll(/"raw": (\d+)/g)].reduce((sum, match) => sum + Number(match[1]), 0);
}

function outputsOf(inputs: Inputs): string[] {
  return ['security-scan.sarif', 'security-scan.json'].map((name) => path.join(inputs.dir, name));
}

function bundledAction(actionDir: string, label = 'security-scan (bundled action)'): Subject {
  return {
    label,
    how:
      `${ACTION_DIR}/dist/index.js through runBundledAction (durationMs: spawn to exit, node start-up included), ` +
      `GITHUB_WORKSPACE = the reports' folder, inputs reports = the files, fail-on: none`,
    async run(inputs, probe) {
      // The outputs of the previous run are removed first, outside the timing: overwriting a large file costs
      // the kernel time that a run on a fresh runner does not pay.
      for (const file of outputsOf(inputs)) rmSync(file, { force: true });
      const result: RunResult = await runBundledAction({
        actionDir,
        workspace: inputs.dir,
        inputs: { reports: inputs.files.map((file) => file.name).join('\n'), 'fail-on': 'none' },
        nodePath: probe.nodePath,
        env: probe.env,
        post: false,
        timeoutMs: STEP_TIMEOUT_MS,
      });
      if (result.outcome !== 'success') {
        const stderr = result.stderr.trim().split('\n').slice(-8).join('\n');
        throw new Error(
          `security-scan ended in ${result.outcome} (exit ${result.exitCode ?? result.signal}), so its time would be a ` +
            `failure's.\n${stderr}`,
        );
      }
      const records = recordsInReport(path.join(inputs.dir, 'security-scan.json'));
      return { ms: result.durationMs, rssKiB: probe.read(), records, outputs: result.outputs };
    },
  };
}

/** Until the bundle exists: the same pipeline from the package's source, timed inside a child process. */
function packagePipeline(root: string): Subject {
  return {
    label: 'findings pipeline (package, NOT the bundle)',
    how:
      `${ACTION_DIR}/dist/index.js does not exist yet, so the package pipeline (${PACKAGE_PIPELINE} --child ` +
      `end-to-end: read, analyse, SARIF and JSON report written; no summary) runs in a child process through tsx, ` +
      `timed inside it after its imports`,
    async run(inputs, probe) {
      const files = inputs.files.map((file) => path.join(inputs.dir, file.name));
      const result = spawnSync(
        probe.nodePath,
        ['--import', 'tsx', path.join(root, PACKAGE_PIPELINE), '--child', 'end-to-end', ...files],
        { cwd: root, encoding: 'utf8', env: { ...process.env, ...probe.env }, maxBuffer: 1 << 20 },
      );
      if (result.status !== 0) {
        throw new Error(
          `the package pipeline failed (exit ${result.status ?? result.signal}): ${result.stderr.trim()}`,
        );
      }
      const measured = JSON.parse(result.stdout) as { ms: number; detail: string };
      if (!Number.isFinite(measured.ms)) throw new Error(`the package pipeline failed: ${measured.detail}`);
      const records = Number(/raw (\d+)/.exec(measured.detail)?.[1] ?? NaN);
      return { ms: measured.ms, rssKiB: probe.read(), records, outputs: { detail: measured.detail } };
    },
  };
}

interface CaseFigures {
  case: string;
  runs: number;
  medianMs: number;
  p90Ms: number;
  mbPerS: number;
  peakRssMiB: number;
  samples: Sample[];
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

function figures(label: string, samples: Sample[], bytes: number): CaseFigures {
  const ms = samples.map((sample) => sample.ms);
  const medianMs = median(ms);
  return {
    case: label,
    runs: samples.length,
    medianMs: round1(medianMs),
    p90Ms: round1(percentile(ms, 90)),
    mbPerS: round1(bytes / 1e6 / (medianMs / 1000)),
    // The highest peak of the runs: the limit is about the worst run, not the typical one.
    peakRssMiB: round1(Math.max(...samples.map((sample) => sample.rssKiB)) / 1024),
    samples,
  };
}

interface FloorFigures {
  figures: CaseFigures;
  /** Medians of the floor's two parts. */
  split: { parseMs: number; writeMs: number };
  /** Floor median over bare median. */
  ratio: number;
  /** What the ratio target leaves once the floor is paid: TARGET_RATIO × bare − floor. */
  budgetLeftMs: number;
  /** The one-line reading of it for the text output. */
  line: string;
}

function floorFigures(samples: FloorSample[], bare: CaseFigures, bytes: number): FloorFigures {
  const floor = figures('floor: streamed parse + JSON.stringify of the outputs', samples, bytes);
  const split = {
    parseMs: round1(median(samples.map((sample) => sample.parseMs))),
    writeMs: round1(median(samples.map((sample) => sample.writeMs))),
  };
  const ratio = Math.round((floor.medianMs / bare.medianMs) * 100) / 100;
  const budgetLeftMs = Math.round(TARGET_RATIO * bare.medianMs - floor.medianMs);
  const line =
    `floor = ${floor.medianMs.toFixed(0)} ms (streamed parse ${split.parseMs.toFixed(0)} + stringify and write the ` +
    `outputs ${split.writeMs.toFixed(0)}) = ${ratio.toFixed(2)}× bare: the ${TARGET_RATIO.toFixed(1)}× target ` +
    `leaves ${budgetLeftMs} ms for normalising, fingerprinting, de-duplicating, policy and summary`;
  return { figures: floor, split, ratio, budgetLeftMs, line };
}

/** A build run on the earlier 187 MB set, in the same run as the current build on all the inputs. */
export interface EarlierSetCase {
  role: 'this build' | "today's build";
  subject: Subject;
  samples: Sample[];
  recordsRead: number[];
}

/**
 * Throughput of this build on all the inputs against a build's throughput on the earlier set, run by run (each
 * pair ran back to back, so the machine's load is nearly the same for both): the ratio of each pair, and their median.
 */
export function throughputComparison(
  all: Sample[],
  allInputs: Inputs,
  earlierCase: EarlierSetCase,
  earlierInputs: Inputs,
): { ratios: number[]; ratio: number; line: string } {
  const mbPerS = (inputs: Inputs, sample: Sample) => inputs.bytes / 1e6 / (sample.ms / 1000);
  const ratios = all.map(
    (sample, i) =>
      Math.round((mbPerS(allInputs, sample) / mbPerS(earlierInputs, earlierCase.samples[i]!)) * 1000) / 1000,
  );
  const ratio = Math.round(median(ratios) * 1000) / 1000;
  const added = allInputs.files.filter((file) => !file.earlierSet).map((file) => file.what);
  const line =
    `with ${added.join(' and ')} added, this build's throughput is ${ratio.toFixed(3)}× that of ` +
    `${earlierCase.role === 'this build' ? 'itself' : earlierCase.subject.label} on the earlier ` +
    `${(earlierInputs.bytes / 1e6).toFixed(0)} MB set (median of ${ratios.length} back-to-back pairs: ` +
    `${ratios.map((r) => r.toFixed(3)).join(', ')})`;
  return { ratios, ratio, line };
}

/**
 * The issue's target: with the two reports added, throughput no lower than today's figure, i.e. the build of
 * TODAYS_BUILD on the earlier set, in the same run. (This build on the earlier set is printed beside it: the
 * stricter question whether the added reports cost more per byte than the others.)
 */
export function earlierSetVerdicts(
  comparisons: (EarlierSetCase & { ratio: number })[],
  earlier: Inputs,
  todays: Subject | { unavailable: string } | undefined,
): Verdict[] {
  const set = `${(earlier.bytes / 1e6).toFixed(0)} MB`;
  const todaysCase = comparisons.find((comparison) => comparison.role === "today's build");
  return [
    {
      target: `throughput with the added reports ≥ today's build (${TODAYS_BUILD.what}) on the ${set} set, same run`,
      measured: todaysCase
        ? `${todaysCase.ratio.toFixed(3)}× (median of the runs' ratios)`
        : `not measured: ${todays && 'unavailable' in todays ? todays.unavailable : 'no bundle of this build'}`,
      verdict: todaysCase ? (todaysCase.ratio >= 1 ? 'PASS' : 'OVER') : 'n/a',
    },
    ...comparisons.map((comparison): Verdict => ({
      target: `every record of the ${set} set read by ${comparison.role} (${earlier.records})`,
      measured: `${[...new Set(comparison.recordsRead)].join(', ')} in the JSON report`,
      verdict: comparison.recordsRead.every((records) => records === earlier.records) ? 'PASS' : 'OVER',
    })),
  ];
}

export interface Verdict {
  target: string;
  measured: string;
  verdict: 'PASS' | 'OVER' | 'n/a';
}

function verdicts(
  action: CaseFigures,
  bare: CaseFigures | undefined,
  inputs: Inputs,
  recordsRead: number[],
): Verdict[] {
  const allRead = recordsRead.every((records) => records === inputs.records);
  const ratio = bare ? Math.round((action.medianMs / bare.medianMs) * 100) / 100 : undefined;
  return [
    {
      target: `end to end ≤ ${TARGET_RATIO.toFixed(1)}× bare JSON.parse`,
      measured: ratio === undefined ? 'no bare JSON.parse possible' : `${ratio.toFixed(2)}×`,
      verdict: ratio === undefined ? 'n/a' : ratio <= TARGET_RATIO ? 'PASS' : 'OVER',
    },
    {
      target: `throughput ≥ ${TARGET_MB_PER_S} MB/s`,
      measured: `${action.mbPerS.toFixed(1)} MB/s`,
      verdict: action.mbPerS >= TARGET_MB_PER_S ? 'PASS' : 'OVER',
    },
    {
      target: `peak RSS ≤ 1.5 GB (${(TARGET_PEAK_RSS_KIB / 1024).toFixed(0)} MiB)`,
      measured: `${action.peakRssMiB.toFixed(1)} MiB`,
      verdict: action.peakRssMiB * 1024 <= TARGET_PEAK_RSS_KIB ? 'PASS' : 'OVER',
    },
    {
      target: `every record read (${inputs.records}${bare ? '' : `, from a report longer than V8's maximum string`})`,
      measured: `${[...new Set(recordsRead)].join(', ')} in the JSON report`,
      verdict: allRead ? 'PASS' : 'OVER',
    },
  ];
}

async function measure(mode: Mode, { root, progress }: BenchContext): Promise<BenchmarkResult> {
  const machine = describeMachine();
  const inputs = prepareInputs(root, mode, progress);
  const built = existsSync(path.join(root, ACTION_DIR, 'dist', 'index.js'));
  const subject = built ? bundledAction(path.join(root, ACTION_DIR)) : packagePipeline(root);
  // A bare JSON.parse needs the whole file as one string: beyond V8's maximum string length it cannot run at all.
  const bareParsable = inputs.files.every((file) => file.bytes < bufferConstants.MAX_STRING_LENGTH);
  const runs = requestedRuns(mode);
  const nodePath = requestedNode();
  const nodeVersion = spawnSync(nodePath, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const scratchDir = mkdtempSync(path.join(tmpdir(), 'bench-security-scan-'));
  const bareSamples: Sample[] = [];
  const actionSamples: Sample[] = [];
  const floorSamples: FloorSample[] = [];
  const recordsRead: number[] = [];
  const earlier = earlierSetOf(inputs);
  // On the earlier set: this build, and the build the issue's figure came from (when git has it).
  const todays = earlier && built ? earlierBuild(root, requestedBaseline(), scratchDir) : undefined;
  const earlierCases: EarlierSetCase[] = earlier
    ? [
        { role: 'this build', subject, samples: [], recordsRead: [] },
        ...(todays && !('unavailable' in todays)
          ? [{ role: "today's build" as const, subject: todays, samples: [], recordsRead: [] }]
          : []),
      ]
    : [];
  let outputs: Record<string, string> = {};
  let rssMethod = '';
  try {
    const probe = createPeakRssProbe(nodePath, scratchDir, 'security-scan');
    rssMethod = probe.method;
    for (let i = 0; i < WARM_UP_RUNS + runs; i++) {
      const measured = i >= WARM_UP_RUNS;
      progress(`security-scan (${mode}): ${measured ? `run ${i - WARM_UP_RUNS + 1} of ${runs}` : 'warm-up'}…`);
      // Alternating which goes first keeps drift (other work, CPU frequency) from favouring one side.
      const sides = ['bare', 'action', ...earlierCases.map((_, c) => c)];
      for (const side of i % 2 === 0 ? sides : sides.reverse()) {
        if (side === 'bare' && bareParsable) {
          const sample = bareParse(inputs, probe);
          if (measured) bareSamples.push(sample);
        } else if (side === 'action') {
          const sample = await subject.run(inputs, probe);
          outputs = sample.outputs;
          recordsRead.push(sample.records);
          if (measured) actionSamples.push({ ms: sample.ms, rssKiB: sample.rssKiB });
          // Right after the action, while its outputs are there to be written again.
          if (bareParsable) {
            const floor = floorRun(root, inputs, probe);
            if (measured) floorSamples.push(floor);
          }
        } else if (typeof side === 'number' && earlier) {
          const earlierCase = earlierCases[side]!;
          const sample = await earlierCase.subject.run(earlier, probe);
          earlierCase.recordsRead.push(sample.records);
          if (measured) earlierCase.samples.push({ ms: sample.ms, rssKiB: sample.rssKiB });
        }
      }
    }
  } finally {
    rmSync(scratchDir, { recursive: true, force: true });
    for (const file of outputsOf(inputs)) rmSync(file, { force: true });
  }
  const bare = bareParsable ? figures('bare JSON.parse (each file, summed)', bareSamples, inputs.bytes) : undefined;
  const action = figures(subject.label, actionSamples, inputs.bytes);
  const floor = bare ? floorFigures(floorSamples, bare, inputs.bytes) : undefined;
  const comparisons = earlier
    ? earlierCases.map((earlierCase) => ({
        ...earlierCase,
        figures: figures(
          `${earlierCase.subject.label}, the earlier ${(earlier.bytes / 1e6).toFixed(0)} MB set`,
          earlierCase.samples,
          earlier.bytes,
        ),
        ...throughputComparison(actionSamples, inputs, earlierCase, earlier),
      }))
    : [];
  const judged = [
    ...verdicts(action, bare, inputs, recordsRead),
    ...(earlier ? earlierSetVerdicts(comparisons, earlier, todays) : []),
  ];
  const inputLine = inputs.files
    .map((file) => `${file.name} (${file.what}, ${file.records} records) ${(file.bytes / 1e6).toFixed(1)} MB`)
    .join(', ');
  const method =
    `${runs} runs after ${WARM_UP_RUNS} warm-up, bare and end to end alternating, each in a fresh process; ` +
    `end to end = ${subject.how}; bare = node reading each file as text and JSON.parse-ing it, the parse ` +
    `times summed (node start-up not included); floor = ${FLOOR_SCRIPT} in a fresh process after each end-to-end ` +
    `run: every report read by the streaming scanner keeping nothing, then JSON.stringify and write of the two ` +
    `output documents the action wrote (read back before timing), timed inside; ` +
    `MB = 10^6 bytes; peak RSS = highest of the runs via ${rssMethod}`;
  const rows = [
    ...(bare ? [bare] : []),
    ...(floor ? [floor.figures] : []),
    action,
    ...comparisons.map((comparison) => comparison.figures),
  ].map((row) => [
    row.case,
    String(row.runs),
    row.medianMs.toFixed(0),
    row.p90Ms.toFixed(0),
    row.mbPerS.toFixed(1),
    row.peakRssMiB.toFixed(1),
  ]);
  const lines = [
    `security-scan${mode === 'huge' ? ' --huge' : ''} — ${machine.cpuModel}, ${machine.cores} cores, node ${nodeVersion}; ${method}`,
    `inputs (${(inputs.bytes / 1e6).toFixed(1)} MB): ${inputLine}`,
    ...(subject.label.includes('NOT the bundle') ? [`note: ${subject.how}`] : []),
    ...(bare ? [] : [`(no bare JSON.parse: the report is longer than V8's maximum string length)`]),
    ...(floor ? [floor.line] : []),
    ...comparisons.map((comparison) => comparison.line),
    ...[busyWarning(machine)].filter((line) => line !== undefined),
    '',
    renderTextTable(['case', 'runs', 'median ms', 'p90 ms', 'MB/s', 'peak RSS MiB'], rows),
    '',
    renderTextTable(
      ['target', 'measured', 'verdict'],
      judged.map((v) => [v.target, v.measured, v.verdict]),
    ),
  ];
  return {
    text: lines.join('\n'),
    json: {
      benchmark: 'security-scan',
      mode,
      node: nodeVersion,
      date: new Date().toISOString(),
      machine: { ...machine, summary: machineLine(machine) },
      method,
      subject: subject.label,
      inputs: { key: inputs.key, bytes: inputs.bytes, records: inputs.records, files: inputs.files },
      recordsRead,
      runs,
      warmUpRuns: WARM_UP_RUNS,
      rssMethod,
      targets: { ratio: TARGET_RATIO, mbPerS: TARGET_MB_PER_S, peakRssKiB: TARGET_PEAK_RSS_KIB },
      results: {
        bare,
        floor: floor && { ...floor.figures, ...floor.split, ratio: floor.ratio, budgetLeftMs: floor.budgetLeftMs },
        action,
        ratio: bare ? Math.round((action.medianMs / bare.medianMs) * 100) / 100 : null,
        earlierSet: earlier && {
          files: earlier.files.map((file) => file.name),
          bytes: earlier.bytes,
          builds: comparisons.map((comparison) => ({
            role: comparison.role,
            ...comparison.figures,
            recordsRead: comparison.recordsRead,
            throughputRatios: comparison.ratios,
            throughputRatio: comparison.ratio,
          })),
          ...(todays && 'unavailable' in todays && { todaysBuildUnavailable: todays.unavailable }),
        },
      },
      verdicts: judged,
      lastRunOutputs: outputs,
    },
  };
}

/**
 * The node both sides run on: the one running the benchmark, or with SECURITY_SCAN_BENCH_NODE=24 the pinned Node 24
 * of tools/node24 (the runtime the action declares, `using: node24`).
 */
function requestedNode(): string {
  return process.env['SECURITY_SCAN_BENCH_NODE'] === '24' ? node24Path() : process.execPath;
}

/** Measured runs: RUNS for the mode, or SECURITY_SCAN_BENCH_RUNS (a whole number from 1 to 50). */
function requestedRuns(mode: Mode): number {
  const text = process.env['SECURITY_SCAN_BENCH_RUNS'];
  if (text === undefined || text === '') return RUNS[mode];
  const runs = Number(text);
  if (!Number.isInteger(runs) || runs < 1 || runs > 50) {
    throw new Error(
      `SECURITY_SCAN_BENCH_RUNS=${JSON.stringify(text)} is not a number of runs; use a whole number from 1 to 50`,
    );
  }
  return runs;
}

/** The commit whose build gives today's figure: TODAYS_BUILD, or SECURITY_SCAN_BENCH_BASELINE. */
function requestedBaseline(): string {
  return process.env['SECURITY_SCAN_BENCH_BASELINE'] || TODAYS_BUILD.commit;
}

/** The mode `pnpm bench` runs in: normal, unless --huge is on the command line or SECURITY_SCAN_BENCH_HUGE=1. */
function requestedMode(): Mode {
  return process.argv.includes('--huge') || process.env['SECURITY_SCAN_BENCH_HUGE'] === '1' ? 'huge' : 'normal';
}

export const benchmark: Benchmark = {
  name: 'security-scan',
  description:
    `security-scan end to end on ~227 MB of reports against a bare JSON.parse of the same bytes ` +
    `(≤ ${TARGET_RATIO}×, ≥ ${TARGET_MB_PER_S} MB/s, ≤ 1.5 GB), and against the build of ${TODAYS_BUILD.commit.slice(0, 7)} ` +
    `on the earlier 187 MB set; SECURITY_SCAN_BENCH_HUGE=1: a report beyond V8's maximum string`,
  run: (context) => measure(requestedMode(), context),
};

/** Run directly (`tsx tools/bench/src/benchmarks/security-scan.ts [--huge]`): the same as `pnpm bench`, one mode. */
async function runDirectly(): Promise<void> {
  const root = fileURLToPath(new URL('../../../../', import.meta.url));
  const mode = requestedMode();
  const result = await measure(mode, { root, runs: RUNS[mode], progress: (line) => console.error(line) });
  const file = path.join(root, 'bench-results', `security-scan${mode === 'huge' ? '-huge' : ''}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(result.json, null, 2)}\n`);
  console.log(`${result.text}\n\n(written to ${path.relative(root, file)})\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await runDirectly();
  } catch (error) {
    console.error('bench security-scan: failed:', error);
    process.exitCode = 1;
  }
}
