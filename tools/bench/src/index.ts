// `pnpm bench [name…] [--runs N]`: runs the benchmarks in src/benchmarks/ (all, or those named), prints their
// tables and writes bench-results/<name>.json. A benchmark is one file there exporting `benchmark`.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BenchArgsError, DEFAULT_RUNS, MIN_RUNS, parseBenchArgs } from './bench-args.js';
import { BenchInputError } from './bench-inputs.js';
import type { Benchmark } from './benchmark.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const benchmarksDir = fileURLToPath(new URL('./benchmarks/', import.meta.url));

async function loadBenchmarks(): Promise<Benchmark[]> {
  const files = readdirSync(benchmarksDir)
    .filter((file) => /\.ts$/.test(file) && !file.endsWith('.d.ts'))
    .sort();
  return Promise.all(
    files.map(async (file) => {
      const module = (await import(pathToFileURL(path.join(benchmarksDir, file)).href)) as { benchmark?: Benchmark };
      if (!module.benchmark || module.benchmark.name !== path.basename(file, '.ts')) {
        throw new Error(`src/benchmarks/${file} must export \`benchmark\` named '${path.basename(file, '.ts')}'`);
      }
      return module.benchmark;
    }),
  );
}

function usage(benchmarks: Benchmark[]): string {
  return [
    `usage: pnpm bench [name…] [--runs N]   (N ≥ ${MIN_RUNS}, default ${DEFAULT_RUNS})`,
    'benchmarks:',
    ...benchmarks.map((benchmark) => `  ${benchmark.name.padEnd(12)} ${benchmark.description}`),
  ].join('\n');
}

async function main(): Promise<number> {
  const benchmarks = await loadBenchmarks();
  let args;
  try {
    args = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof BenchArgsError)) throw error;
    console.error(`bench: ${error.message}\n${usage(benchmarks)}`);
    return 2;
  }
  if (args.help) {
    console.log(usage(benchmarks));
    return 0;
  }
  const unknown = args.names.filter((name) => !benchmarks.some((benchmark) => benchmark.name === name));
  if (unknown.length > 0) {
    console.error(`bench: no benchmark named ${unknown.map((name) => `'${name}'`).join(', ')}\n${usage(benchmarks)}`);
    return 2;
  }
  const selected = args.names.length === 0 ? benchmarks : benchmarks.filter((b) => args.names.includes(b.name));
  const resultsDir = path.join(root, 'bench-results');
  mkdirSync(resultsDir, { recursive: true });
  for (const benchmark of selected) {
    const result = await benchmark.run({ root, runs: args.runs, progress: (line) => console.error(line) });
    const file = path.join(resultsDir, `${benchmark.name}.json`);
    writeFileSync(file, `${JSON.stringify(result.json, null, 2)}\n`);
    console.log(`${result.text}\n\n(written to ${path.relative(root, file)})\n`);
  }
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof BenchInputError) {
    console.error(`bench: ${error.message}`);
    process.exitCode = 1;
  } else {
    console.error('bench: failed:', error);
    process.exitCode = 1;
  }
}
