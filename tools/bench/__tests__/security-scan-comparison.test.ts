import { describe, expect, it } from '@jest/globals';
import {
  earlierSetOf,
  earlierSetVerdicts,
  inputsOf,
  throughputComparison,
  type EarlierSetCase,
  type InputFile,
  type Subject,
} from '../src/benchmarks/security-scan.js';

const file = (name: string, megabytes: number, earlierSet: boolean): InputFile => ({
  name,
  what: name,
  reader: 'trivy',
  records: 10,
  bytes: megabytes * 1e6,
  earlierSet,
});
// 180 MB before, 240 MB with the two added reports.
const all = inputsOf(
  '/reports',
  [file('a', 150, true), file('b', 30, true), file('c', 30, false), file('d', 30, false)],
  'k',
);
const subject = { label: 'security-scan at 5e118b0' } as Subject;
const samples = (...ms: number[]) => ms.map((value) => ({ ms: value, rssKiB: 1 }));

describe('the earlier set comparison of the security-scan benchmark', () => {
  it('is the files marked as the earlier set, in the same folder, with their bytes and records summed', () => {
    const earlier = earlierSetOf(all)!;
    expect(earlier.files.map((f) => f.name)).toEqual(['a', 'b']);
    expect(earlier).toMatchObject({ dir: '/reports', bytes: 180e6, records: 20 });
    expect(earlierSetOf(inputsOf('/r', [file('a', 1, true)], 'k'))).toBeUndefined();
    expect(earlierSetOf(inputsOf('/r', [file('a', 1, false)], 'k'))).toBeUndefined();
  });

  it('compares throughputs pair by pair and judges the median of the ratios', () => {
    const earlier = earlierSetOf(all)!;
    // Pair 1: 240 MB in 4 s (60 MB/s) against 180 MB in 3 s (60 MB/s) = 1.0; pair 2: 48 against 60 MB/s = 0.8;
    // pair 3: 60 against 50 MB/s = 1.2. Median 1.0: as fast, which passes.
    const todays: EarlierSetCase = {
      role: "today's build",
      subject,
      samples: samples(3000, 3000, 3600),
      recordsRead: [20],
    };
    const comparison = throughputComparison(samples(4000, 5000, 4000), all, todays, earlier);
    expect(comparison.ratios).toEqual([1, 0.8, 1.2]);
    expect(comparison.ratio).toBe(1);
    expect(comparison.line).toContain('1.000× that of security-scan at 5e118b0 on the earlier 180 MB set');

    const verdicts = earlierSetVerdicts([{ ...todays, ratio: comparison.ratio }], earlier, subject);
    expect(verdicts.map((v) => v.verdict)).toEqual(['PASS', 'PASS']);
    const slower = earlierSetVerdicts([{ ...todays, ratio: 0.999, recordsRead: [20, 19] }], earlier, subject);
    expect(slower.map((v) => v.verdict)).toEqual(['OVER', 'OVER']);
  });

  it("says why today's build was not measured instead of judging without it", () => {
    const [verdict] = earlierSetVerdicts([], earlierSetOf(all)!, { unavailable: 'git archive 5e118b07697d failed' });
    expect(verdict).toMatchObject({ verdict: 'n/a', measured: 'not measured: git archive 5e118b07697d failed' });
  });
});
