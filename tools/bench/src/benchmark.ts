// What every benchmark under src/benchmarks/ exports, and what the `pnpm bench` command gives it.

export interface BenchContext {
  /** The repository root. */
  root: string;
  /** Measured repetitions of each case (warm-up runs come on top). */
  runs: number;
  /** Progress for the person waiting; the results come back in BenchmarkResult. */
  progress: (line: string) => void;
}

export interface BenchmarkResult {
  /** Printed as it is: a header saying what was measured and how, then the table. */
  text: string;
  /** Written to bench-results/<name>.json. */
  json: unknown;
}

export interface Benchmark {
  /** The name `pnpm bench <name>` selects: the file's name under src/benchmarks/. */
  name: string;
  description: string;
  run(context: BenchContext): Promise<BenchmarkResult>;
}
