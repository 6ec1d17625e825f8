// quality benchmark: the quality readers on a generated LCOV of 20,000 files (200 lines, 20 functions each), a JUnit
// XML of 100,000 testcases and an ESLint JSON of 50,000 messages, read in one fresh process (per-reader times from
// inside it, peak RSS of the three together from outside), against `lcov --summary` on the same LCOV in the same run.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeEslintReport, writeJunitReport, writeLcovReport, type JunitCounts } from '@actions-kit/testkit';
import type { Benchmark, BenchContext, BenchmarkResult } from '../benchmark.js';
import { busyWarning, describeMachine, machineLine } from '../machine.js';
import { createPeakRssProbe, parseKibibytes } from '../peak-rss.js';
import { median } from '../statistics.js';
import { renderTextTable } from '../text-table.js';

/** Reading the LCOV must take at most this fraction of `lcov --summary`'s time on it. */
const TARGET_LCOV_FRACTION = 0.1;
/** The three read together keep a peak resident set of at most 1 GB (10^9 bytes), in KiB. */
const TARGET_PEAK_RSS_KIB = 1e9 / 1024;
/** Each run takes seconds (lcov --summary alone takes several), so at most this many are measured. */
const MAX_RUNS = 5;
const WARM_UP_RUNS = 1;

const GENERATOR = 'packages/testkit/src/quality-reports.ts';
const READ_SCRIPT = 'packages/quality/bench/read-all.ts';
const GNU_TIME = '/usr/bin/time';

const SIZES = { lcovFiles: 20_000, junitCases: 100_000, eslintMessages: 50_000 } as const;

interface Inputs {
  dir: string;
  lcov: string;
  junit: string;
  eslint: string;
  bytes: { lcov: number; junit: number; eslint: number };
  expected: { tests: JunitCounts; eslintErrors: number };
}

/** The reports, generated once into the OS temp folder and reused while the generator and the sizes stay the same. */
function prepareInputs(root: string, progress: (line: string) => void): Inputs {
  const key = createHash('sha256')
    .update(readFileSync(path.join(root, GENERATOR)))
    .update(JSON.stringify(SIZES))
    .digest('hex')
    .slice(0, 16);
  const parent = path.join(tmpdir(), 'actions-kit-bench-quality');
  const dir = path.join(parent, key);
  const done = path.join(dir, 'generated.json');
  const files = {
    lcov: path.join(dir, 'lcov.info'),
    junit: path.join(dir, 'junit.xml'),
    eslint: path.join(dir, 'eslint.json'),
  };
  if (!existsSync(done)) {
    mkdirSync(parent, { recursive: true });
    for (const stale of readdirSync(parent)) rmSync(path.join(parent, stale), { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    progress('quality: generating the LCOV, JUnit and ESLint reports…');
    writeLcovReport(files.lcov, SIZES.lcovFiles);
    const tests = writeJunitReport(files.junit, SIZES.junitCases).counts;
    const eslintErrors = writeEslintReport(files.eslint, SIZES.eslintMessages).errors;
    writeFileSync(done, `${JSON.stringify({ tests, eslintErrors })}\n`);
  }
  const expected = JSON.parse(readFileSync(done, 'utf8')) as Inputs['expected'];
  const bytes = {
    lcov: statSync(files.lcov).size,
    junit: statSync(files.junit).size,
    eslint: statSync(files.eslint).size,
  };
  return { dir, ...files, bytes, expected };
}

interface ReadSample {
  lcovMs: number;
  junitMs: number;
  eslintMs: number;
  wallMs: number;
  rssKiB: number;
  coverage: { files: number; lines: number; covered: number };
  tests: Record<string, number>;
  lint: { messages: number; errors: number };
}

function readAll(root: string, inputs: Inputs, scratch: string): ReadSample {
  const probe = createPeakRssProbe(process.execPath, scratch, 'quality');
  const started = performance.now();
  const result = spawnSync(
    probe.nodePath,
    ['--import', 'tsx', path.join(root, READ_SCRIPT), inputs.lcov, inputs.junit, inputs.eslint, inputs.dir],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ...probe.env },
      maxBuffer: 1 << 20,
    },
  );
  const wallMs = performance.now() - started;
  if (result.status !== 0)
    throw new Error(`the quality read failed (exit ${result.status ?? result.signal}): ${result.stderr.trim()}`);
  return { ...(JSON.parse(result.stdout) as Omit<ReadSample, 'wallMs' | 'rssKiB'>), wallMs, rssKiB: probe.read() };
}

interface LcovSample {
  ms: number;
  rssKiB: number;
  summary: string;
}

/** `lcov --summary` on the LCOV, timed and measured by GNU time (it is required: the baseline is measured, never assumed). */
function lcovSummary(inputs: Inputs, scratch: string): LcovSample {
  const report = path.join(scratch, 'lcov-time.txt');
  const started = performance.now();
  const result = spawnSync(GNU_TIME, ['-f', '%M', '-o', report, 'lcov', '--summary', inputs.lcov], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const ms = performance.now() - started;
  if (result.error || result.status !== 0) {
    throw new Error(
      `lcov --summary failed (${result.error?.message ?? `exit ${result.status}`}): install the Debian package lcov ` +
        `(listed in .ci/system-packages.txt) and GNU time. ${result.stderr.trim().slice(0, 500)}`,
    );
  }
  return {
    ms,
    rssKiB: parseKibibytes(readFileSync(report, 'utf8'), report),
    summary: `${result.stdout}${result.stderr}`,
  };
}

/** What lcov says the line coverage is ("lines......: 75.0% (2999676 of 4000000 lines)"), to check ours agrees. */
function lcovLines(summary: string): { covered: number; total: number } {
  const match = /lines\.*: [\d.]+% \((\d+) of (\d+) lines\)/.exec(summary);
  if (!match) throw new Error(`lcov --summary printed no line coverage: ${summary.slice(0, 300)}`);
  return { covered: Number(match[1]), total: Number(match[2]) };
}

const ms = (value: number) => (value / 1000).toFixed(2);
const mib = (kib: number) => String(Math.round(kib / 1024));

export const benchmark: Benchmark = {
  name: 'quality',
  description: 'quality readers on a 57 MB LCOV, 100,000 JUnit testcases and 50,000 ESLint messages, vs lcov --summary',
  async run(context: BenchContext): Promise<BenchmarkResult> {
    const { root, progress } = context;
    const machine = describeMachine();
    const inputs = prepareInputs(root, progress);
    const scratch = path.join(inputs.dir, 'scratch');
    mkdirSync(scratch, { recursive: true });
    const runs = Math.min(Math.max(context.runs, 1), MAX_RUNS);
    const reads: ReadSample[] = [];
    const baselines: LcovSample[] = [];
    for (let i = 0; i < WARM_UP_RUNS + runs; i++) {
      progress(`quality: run ${i + 1} of ${WARM_UP_RUNS + runs}${i < WARM_UP_RUNS ? ' (warm-up)' : ''}…`);
      const read = readAll(root, inputs, scratch);
      const baseline = lcovSummary(inputs, scratch);
      if (i >= WARM_UP_RUNS) {
        reads.push(read);
        baselines.push(baseline);
      }
    }
    // The figures count only if the readers read what was written, and agree with lcov on the line coverage.
    const first = reads[0]!;
    const lcov = lcovLines(baselines[0]!.summary);
    const problems = [
      first.coverage.lines !== lcov.total || first.coverage.covered !== lcov.covered
        ? `coverage ${first.coverage.covered}/${first.coverage.lines} lines, lcov says ${lcov.covered}/${lcov.total}`
        : undefined,
      Object.entries(inputs.expected.tests).some(([outcome, n]) => (first.tests[outcome] ?? 0) !== n)
        ? `tests ${JSON.stringify(first.tests)}, generated ${JSON.stringify(inputs.expected.tests)}`
        : undefined,
      first.lint.messages !== SIZES.eslintMessages || first.lint.errors !== inputs.expected.eslintErrors
        ? `lint ${first.lint.messages} messages (${first.lint.errors} errors), generated ${SIZES.eslintMessages} (${inputs.expected.eslintErrors})`
        : undefined,
    ].filter((problem) => problem !== undefined);
    if (problems.length > 0) throw new Error(`the readers misread the generated reports: ${problems.join('; ')}`);

    const med = (of: (sample: ReadSample) => number) => median(reads.map(of));
    const lcovMs = med((s) => s.lcovMs);
    const baselineMs = median(baselines.map((s) => s.ms));
    const peakKiB = Math.max(...reads.map((s) => s.rssKiB));
    // Each run reads, then runs lcov, under the same load: the median of the runs' own ratios is the verdict (the
    // ratio of the two medians is shown too).
    const fraction = median(reads.map((s, i) => s.lcovMs / baselines[i]!.ms));
    const fractionOfMedians = lcovMs / baselineMs;
    const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
    const rows = [
      [
        'LCOV read (readCoverageReports)',
        `${mb(inputs.bytes.lcov)} MB`,
        ms(lcovMs),
        reads.map((s) => ms(s.lcovMs)).join(' '),
        '',
      ],
      [
        'lcov --summary (baseline, whole process)',
        `${mb(inputs.bytes.lcov)} MB`,
        ms(baselineMs),
        baselines.map((s) => ms(s.ms)).join(' '),
        `${mib(median(baselines.map((s) => s.rssKiB)))} MiB peak`,
      ],
      [
        'JUnit read (readTestReports)',
        `${mb(inputs.bytes.junit)} MB`,
        ms(med((s) => s.junitMs)),
        reads.map((s) => ms(s.junitMs)).join(' '),
        '',
      ],
      [
        'ESLint read (readLintReports)',
        `${mb(inputs.bytes.eslint)} MB`,
        ms(med((s) => s.eslintMs)),
        reads.map((s) => ms(s.eslintMs)).join(' '),
        '',
      ],
      [
        'all three, whole process (node + tsx start-up)',
        '',
        ms(med((s) => s.wallMs)),
        reads.map((s) => ms(s.wallMs)).join(' '),
        `${mib(peakKiB)} MiB peak`,
      ],
    ];
    const verdicts = [
      `LCOV read / lcov --summary, median of the runs' ratios: ${(fraction * 100).toFixed(1)}% of its time (${(1 / fraction).toFixed(1)}× faster; ratio of the medians ${(fractionOfMedians * 100).toFixed(1)}%); target ≤ ${TARGET_LCOV_FRACTION * 100}%: ${fraction <= TARGET_LCOV_FRACTION ? 'met' : 'NOT met'}`,
      `peak RSS of the three read together: ${mib(peakKiB)} MiB; target ≤ ${mib(TARGET_PEAK_RSS_KIB)} MiB (1 GB): ${peakKiB <= TARGET_PEAK_RSS_KIB ? 'met' : 'NOT met'}`,
    ];
    const warning = busyWarning(machine);
    const text = [
      `quality readers — ${runs} runs after ${WARM_UP_RUNS} warm-up, medians; ${machineLine(machine)}`,
      `each run: packages/quality/bench/read-all.ts in a fresh node (times from inside; peak RSS by ${GNU_TIME} -f %M), then lcov --summary (wall time of its process)`,
      ...(warning ? [warning] : []),
      '',
      renderTextTable(['measure', 'input', 'median s', 'runs s', 'memory'], rows),
      '',
      ...verdicts,
    ].join('\n');
    return {
      text,
      json: {
        machine,
        runs,
        inputs: { ...SIZES, bytes: inputs.bytes },
        lcovMs: reads.map((s) => s.lcovMs),
        junitMs: reads.map((s) => s.junitMs),
        eslintMs: reads.map((s) => s.eslintMs),
        wallMs: reads.map((s) => s.wallMs),
        peakRssKiB: reads.map((s) => s.rssKiB),
        lcovSummaryMs: baselines.map((s) => s.ms),
        lcovSummaryRssKiB: baselines.map((s) => s.rssKiB),
        lcovFraction: fraction,
        lcovFractionOfMedians: fractionOfMedians,
        verdicts,
      },
    };
  },
};
