import { describe, expect, it } from '@jest/globals';
import { latencyStatistics, nearestRank } from '../src/latency-statistics.js';

describe('nearestRank', () => {
  it.each([
    [[10, 20, 30, 40], 50, 20],
    [[40, 10, 30, 20], 50, 20],
    [[10, 20, 30, 40, 50], 50, 30],
    [[7], 50, 7],
    [[7], 95, 7],
    [[10, 20], 95, 20],
    [Array.from({ length: 20 }, (_, i) => i + 1), 95, 19],
    [Array.from({ length: 100 }, (_, i) => i + 1), 95, 95],
    [Array.from({ length: 101 }, (_, i) => i + 1), 95, 96],
    [[5, 1, 3], 0, 1],
    [[5, 1, 3], 100, 5],
  ])('of %j at %d%% is %d, one of the values', (values, percentile, expected) => {
    expect(nearestRank(values, percentile)).toBe(expected);
  });

  it('is undefined for no values', () => {
    expect(nearestRank([], 50)).toBeUndefined();
  });

  it('leaves the values it is given in their order', () => {
    const values = [3, 1, 2];
    nearestRank(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('latencyStatistics', () => {
  it('gives p50 and p95 and how many latencies they come from', () => {
    const latencies = [...Array.from({ length: 18 }, () => 10), 200, 900];
    expect(latencyStatistics(latencies)).toEqual({ count: 20, p50Ms: 10, p95Ms: 200 });
  });

  it('is undefined when no probe succeeded', () => {
    expect(latencyStatistics([])).toBeUndefined();
  });
});
