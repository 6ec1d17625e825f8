// The duration people read in summaries and logs: one form, whichever action or step wrote it.
import { describe, expect, it } from '@jest/globals';
import { humanDuration } from '../src/duration.js';

describe('humanDuration', () => {
  it.each([
    [0, '0 ms'],
    [0.4, '0 ms'],
    [340, '340 ms'],
    [999.4, '999 ms'],
    [999.6, '1.0 s'],
    [1_000, '1.0 s'],
    [10_009, '10.0 s'],
    [10_050, '10.1 s'],
    [59_940, '59.9 s'],
    [59_960, '1 min 00 s'],
    [125_000, '2 min 05 s'],
    [3_599_400, '59 min 59 s'],
    [3_599_600, '1 h 00 min'],
    [3_720_000, '1 h 02 min'],
    [1_000 * 3_600_000, '1,000 h 00 min'],
    [-1_500, '-1.5 s'],
  ])('writes %d ms as %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it('writes what is not a number as it is', () => {
    expect(humanDuration(Number.NaN)).toBe('NaN');
    expect(humanDuration(Number.POSITIVE_INFINITY)).toBe('Infinity');
  });
});
