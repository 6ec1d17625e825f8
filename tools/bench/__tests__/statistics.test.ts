import { describe, expect, it } from '@jest/globals';
import { median, percentile } from '../src/statistics.js';

describe('percentile', () => {
  it('takes the middle sample of an odd count and the mean of the middle two of an even count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('interpolates between the nearest ranks', () => {
    const samples = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(percentile(samples, 90)).toBeCloseTo(91);
    expect(percentile(samples, 0)).toBe(10);
    expect(percentile(samples, 100)).toBe(100);
  });

  it('does not reorder the caller’s samples', () => {
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('refuses no samples and a percentile outside 0–100', () => {
    expect(() => median([])).toThrow('percentile of no samples');
    expect(() => percentile([1], 101)).toThrow('percentile must be within 0–100, got 101');
  });
});
