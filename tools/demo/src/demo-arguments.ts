// Parses the arguments of `pnpm demo`, refusing anything it does not understand with a message that says why.
import type { ProxyChoice } from './proxies.js';
import type { ScannerChoice } from './scanners.js';

export const USAGE = `Usage: pnpm demo [options]

Runs the sample service's pipeline on this machine, every gate and deploy step a bundled action run as GitHub's
runner runs it: tests and lint, quality gate, security scan, a blue-green deploy of a good release, then a bad
release that the health check catches and rolls back. Prints a recap and writes one HTML page of the job summaries.

Options:
  --proxy <auto|haproxy|node>           auto (default): HAProxy when installed, else the demo's own Node proxy
  --scanners <auto|real|recorded>       auto (default): the real scanners when installed, else their recorded reports
  --out <folder>                        where the checkout, reports and page go (default: demo-run/)
  --help                                show this text

Exit code: 0 when the flow behaved as designed, 1 when it did not, 2 when it could not run, 130 when cancelled.`;

export interface DemoArguments {
  proxy: ProxyChoice;
  scanners: ScannerChoice;
  out: string | undefined;
}

/** A mistake on the command line; the CLI prints it with the usage text. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const CHOICES = {
  '--proxy': ['auto', 'haproxy', 'node'],
  '--scanners': ['auto', 'real', 'recorded'],
} as const;

function choice<K extends keyof typeof CHOICES>(option: K, value: string): (typeof CHOICES)[K][number] {
  const allowed: readonly string[] = CHOICES[option];
  if (!allowed.includes(value)) {
    throw new UsageError(`${option} '${value}' is not one of ${allowed.join(', ')}`);
  }
  return value as (typeof CHOICES)[K][number];
}

/** Returns 'help' for --help, so printing the usage stays the caller's business. */
export function parseDemoArguments(argv: readonly string[]): DemoArguments | 'help' {
  const parsed: DemoArguments = { proxy: 'auto', scanners: 'auto', out: undefined };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument === '--help' || argument === '-h') return 'help';
    // `pnpm demo -- …` may pass the separator through.
    if (argument === '--') continue;
    const [option, inline] =
      argument.startsWith('--') && argument.includes('=') ? argument.split(/=(.*)/s) : [argument];
    if (option !== '--proxy' && option !== '--scanners' && option !== '--out') {
      throw new UsageError(`unknown argument '${argument}'`);
    }
    const value = inline ?? argv[++index];
    if (value === undefined || value === '') throw new UsageError(`${option} needs a value`);
    if (option === '--out') parsed.out = value;
    else if (option === '--proxy') parsed.proxy = choice(option, value);
    else parsed.scanners = choice(option, value);
  }
  return parsed;
}
