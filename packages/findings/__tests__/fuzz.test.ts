// The short run of the fuzzing tier, in CI: every reader of the registry, the ignore-file parser and the baseline
// parser on a few hundred mutated documents each, with a fixed seed, and no crash, hang or memory blow-up allowed.
// The long run, with ≥ 100,000 inputs per reader, is `pnpm bench fuzz` (figures in docs/benchmarks.md).
import { describe, expect, it } from '@jest/globals';
import { fuzz, mutatedDocuments, type FuzzResult } from '@actions-kit/testkit/fuzz';
import { READERS } from '../src/registry.js';
import { dummyReader } from './support/dummy-reader.js';
import {
  IGNORE_SEEDS,
  baselineSeeds,
  baselineSubject,
  ignoreFileSubject,
  readerSubjects,
} from './support/fuzz-subjects.js';

/** Small enough for CI's seconds, large enough to take every path: long strings and deep nesting included. */
const SIZES = { longString: 100_000, deepNesting: 5_000 };
const OPTIONS = { runs: 300, seed: 20260601, budgetMs: 2_000 };

/** A failing run shows what broke, so it can become a unit test. */
function expectNoBadOutcome(result: FuzzResult): void {
  expect({ subject: result.subject, examples: result.examples }).toEqual({ subject: result.subject, examples: [] });
  expect(result.counts.crash + result.counts.hang + result.counts['memory blow-up']).toBe(0);
  // The mutations reach both sides: documents read, and documents refused with a message.
  expect(result.counts.success).toBeGreaterThan(0);
  expect(result.counts['clean failure']).toBeGreaterThan(0);
}

describe('fuzzing (short run)', () => {
  it.each(readerSubjects().map((r) => [r.subject.name, r] as const))('%s: no crash, hang or blow-up', (_, reader) => {
    expectNoBadOutcome(fuzz(reader.subject, mutatedDocuments(reader.seeds, SIZES), OPTIONS));
  });

  it('the ignore-file parser: no crash, hang or blow-up', () => {
    expectNoBadOutcome(fuzz(ignoreFileSubject(), mutatedDocuments(IGNORE_SEEDS, SIZES), OPTIONS));
  });

  it('the baseline parser: no crash, hang or blow-up', () => {
    expectNoBadOutcome(fuzz(baselineSubject(), mutatedDocuments(baselineSeeds(), SIZES), OPTIONS));
  });

  it('takes in every reader of the registry, and asks for a seed document for a reader that has none', () => {
    expect(readerSubjects().map((r) => r.subject.name)).toEqual(READERS.map((r) => `${r.name} reader`));
    expect(() => readerSubjects([...READERS, dummyReader])).toThrow(
      'the dummy reader has no seed document: add one to SEED_DOCUMENTS',
    );
  });
});
