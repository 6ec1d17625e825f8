// `pnpm bench fuzz`: the long run of the fuzzing tier, 100,000 mutated documents for each report reader of the
// registry, the ignore-file parser and the baseline parser, counted by outcome (success, clean failure, crash, hang,
// memory blow-up) with the peak heap growth over input size. The run itself lives beside the readers
// (packages/findings/bench/fuzz.ts); this file runs it in its own process and keeps its table.
// FUZZ_RUNS=2000 pnpm bench fuzz tries fewer inputs (the figures in docs/benchmarks.md are from 100,000).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Benchmark, BenchContext, BenchmarkResult } from '../benchmark.js';
import { busyWarning, describeMachine, machineLine } from '../machine.js';

const DEFAULT_RUNS = 100_000;

interface FuzzSummary {
  runs: number;
  seconds: number;
  maxRssMiB: number;
  results: { subject: string; counts: Record<string, number>; examples: unknown[] }[];
}

async function run(context: BenchContext): Promise<BenchmarkResult> {
  const runs = Number(process.env['FUZZ_RUNS'] ?? DEFAULT_RUNS);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`FUZZ_RUNS: expected a whole number, got '${runs}'`);
  const machine = describeMachine();
  const scratch = mkdtempSync(path.join(tmpdir(), 'actions-kit-fuzz-'));
  const json = path.join(scratch, 'fuzz.json');
  try {
    const script = path.join(context.root, 'packages/findings/bench/fuzz.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, '--runs', String(runs), '--json', json], {
      cwd: context.root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
      for (const line of chunk.toString().split('\n')) if (line.startsWith('fuzz: ')) context.progress(line);
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`packages/findings/bench/fuzz.ts exited with ${code}:\n${errors.slice(-2000)}`);
    const summary = JSON.parse(readFileSync(json, 'utf8')) as FuzzSummary;
    const bad = summary.results.reduce((n, r) => n + (r.counts['crash'] ?? 0) + (r.counts['hang'] ?? 0), 0);
    const text = [
      `fuzzing: ${runs} mutated inputs per subject, ${summary.seconds} s, peak RSS ${summary.maxRssMiB} MiB`,
      `machine: ${machineLine(machine)}`,
      ...(busyWarning(machine) ? [busyWarning(machine)!] : []),
      '',
      output.trimEnd(),
      '',
      bad === 0 ? 'no crash and no hang' : `${bad} crash(es) or hang(s): see the examples in bench-results/fuzz.json`,
    ].join('\n');
    return { text, json: { date: new Date().toISOString(), machine, ...summary } };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export const benchmark: Benchmark = {
  name: 'fuzz',
  description: 'mutated reports, ignore files and baselines: successes, clean failures, crashes, hangs, blow-ups',
  run,
};
