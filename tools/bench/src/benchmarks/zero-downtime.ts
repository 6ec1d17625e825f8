// `pnpm bench zero-downtime`: failed requests and time to 100% new color while traffic is switched under load,
// through real HAProxy, nginx and Caddy, against the naive way in the same run. The measurement itself lives
// beside the providers (packages/traffic/bench/zero-downtime.ts); this file runs it and keeps its table.
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Benchmark, BenchContext, BenchmarkResult } from '../benchmark.js';

/** Each round is ~10 s of load per scenario; three rounds give a median without taking all afternoon. */
const ROUNDS = 3;

interface Row {
  switch: string;
  requestsPerSecond: number;
  perRound: string;
  failedMedian: number;
  convergenceMs: number;
}

/** Reads the markdown table the script prints last: one row per switching technique. */
export function parseZeroDowntimeTable(output: string): Row[] {
  return output
    .split('\n')
    .filter((line) => /^\| (?!switch |---)/.test(line))
    .map((line) => {
      const cells = line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim());
      return {
        switch: cells[0] ?? '',
        requestsPerSecond: Number(cells[1]),
        perRound: cells[2] ?? '',
        failedMedian: Number(cells[3]),
        convergenceMs: Number.parseFloat(cells[4] ?? ''),
      };
    });
}

async function run(context: BenchContext): Promise<BenchmarkResult> {
  const script = path.join(context.root, 'packages/traffic/bench/zero-downtime.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, '--rounds', String(ROUNDS)], {
    cwd: context.root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    for (const line of chunk.toString().split('\n')) if (line.startsWith('round ')) context.progress(line);
  });
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) {
    throw new Error(`packages/traffic/bench/zero-downtime.ts exited with ${code}:\n${errors.slice(-2000)}`);
  }
  const rows = parseZeroDowntimeTable(output);
  return { text: output.trimEnd(), json: { rounds: ROUNDS, rows } };
}

export const benchmark: Benchmark = {
  name: 'zero-downtime',
  description: 'failed requests while switching blue/green 16 times under keep-alive load, per proxy',
  run,
};
