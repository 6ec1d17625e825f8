// The long run of the fuzzing tier: every reader of the registry, the ignore-file parser and the baseline parser on
// mutated documents (see support/fuzz-subjects.ts), counting successes, clean failures, crashes, hangs and memory
// blow-ups. Prints a table and, with --json FILE, writes the results. It asserts nothing: the short run in CI does.
// Usage: tsx packages/findings/bench/fuzz.ts [--runs N] [--seed S] [--json FILE]   (`pnpm bench fuzz` runs it)
import { writeFileSync } from 'node:fs';
import { fuzz, mutatedDocuments, outcomeTable, type FuzzResult } from '@actions-kit/testkit/fuzz';
import {
  IGNORE_SEEDS,
  baselineSeeds,
  baselineSubject,
  ignoreFileSubject,
  readerSubjects,
} from '../__tests__/support/fuzz-subjects.js';

/** Larger than the short run's: strings of up to 1 MB, nesting up to 100,000 deep. */
const SIZES = { longString: 1_000_000, deepNesting: 100_000 };
const BUDGET_MS = 10_000;

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1]! : fallback;
}

const runs = Number(option('--runs', '100000'));
const seed = Number(option('--seed', '20260601'));
const json = option('--json', '');
const options = { runs, seed, budgetMs: BUDGET_MS };

const started = Date.now();
const results: FuzzResult[] = [];
const report = (result: FuzzResult) => {
  results.push(result);
  console.error(
    `fuzz: ${result.subject}: ${JSON.stringify(result.counts)} (${Math.round((Date.now() - started) / 1000)} s)`,
  );
};
for (const reader of readerSubjects()) report(fuzz(reader.subject, mutatedDocuments(reader.seeds, SIZES), options));
report(fuzz(ignoreFileSubject(), mutatedDocuments(IGNORE_SEEDS, SIZES), options));
report(fuzz(baselineSubject(), mutatedDocuments(baselineSeeds(), SIZES), options));

const summary = {
  runs,
  seed,
  budgetMs: BUDGET_MS,
  sizes: SIZES,
  seconds: Math.round((Date.now() - started) / 1000),
  maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  results,
};
console.log(outcomeTable(results));
if (json !== '') writeFileSync(json, `${JSON.stringify(summary, null, 2)}\n`);
