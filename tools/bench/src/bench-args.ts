// Parses `pnpm bench [name…] [--runs N]`: which benchmarks to run and how many measured runs each case gets.

export const DEFAULT_RUNS = 15;
/** Fewer runs make the median and the p90 too noisy to compare with a target. */
export const MIN_RUNS = 10;

export interface BenchArgs {
  /** Empty: every benchmark. */
  names: string[];
  runs: number;
  help: boolean;
}

export class BenchArgsError extends Error {}

export function parseBenchArgs(args: readonly string[]): BenchArgs {
  const parsed: BenchArgs = { names: [], runs: DEFAULT_RUNS, help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--help' || arg === '-h') {
      parsed.help = true;
    } else if (arg === '--runs' || arg.startsWith('--runs=')) {
      const value = arg === '--runs' ? args[++i] : arg.slice('--runs='.length);
      const runs = Number(value);
      if (!Number.isInteger(runs) || runs < MIN_RUNS) {
        throw new BenchArgsError(`--runs: expected a whole number ≥ ${MIN_RUNS}, got '${value ?? ''}'`);
      }
      parsed.runs = runs;
    } else if (arg.startsWith('-')) {
      throw new BenchArgsError(`unknown option '${arg}'; options are --runs N and --help`);
    } else {
      parsed.names.push(arg);
    }
  }
  return parsed;
}
