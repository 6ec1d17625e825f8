import { describe, expect, it } from '@jest/globals';
import { HitsArrays, LineHits } from '../src/line-hits.js';

const filled = (pairs: [number, number][]): LineHits => {
  const hits = new LineHits();
  for (const [line, count] of pairs) hits.add(line, count);
  return hits;
};

describe('LineHits', () => {
  it('reads like a Map of the lines given, in line order, 0 hits included', () => {
    const hits = filled([
      [3, 0],
      [1, 2],
      [2, 5],
    ]);
    expect([...hits]).toEqual([
      [1, 2],
      [2, 5],
      [3, 0],
    ]);
    expect([hits.size, hits.get(3), hits.get(4), hits.has(3), hits.has(0)]).toEqual([3, 0, undefined, true, false]);
    expect([...hits.keys()]).toEqual([1, 2, 3]);
    expect([...hits.values()]).toEqual([2, 5, 0]);
  });

  it('adds the hits of a line given twice, and counts it once', () => {
    const hits = filled([
      [7, 1],
      [7, 2],
    ]);
    expect([hits.size, hits.get(7)]).toEqual([1, 3]);
  });

  it('keeps a line far beyond the others without an array that long, and still in order', () => {
    const hits = filled([
      [2_000_000, 1],
      [1, 0],
      [2_000_000, 4],
      [900_000, 2],
    ]);
    expect([...hits]).toEqual([
      [1, 0],
      [900_000, 2],
      [2_000_000, 5],
    ]);
    expect(hits.size).toBe(3);
    const forEach: [number, number][] = [];
    hits.forEach((count, line) => forEach.push([line, count]));
    expect(forEach).toEqual([...hits]);
  });

  it('answers undefined for numbers that are not lines', () => {
    const hits = filled([[1, 1]]);
    expect([hits.get(0), hits.get(-1), hits.get(1.5), hits.get(Number.NaN)]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('caps a sum at the largest safe integer', () => {
    const hits = filled([
      [1, Number.MAX_SAFE_INTEGER],
      [1, 10],
    ]);
    expect(hits.get(1)).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('HitsArrays', () => {
  it('gives files sharing a slab lines of their own, through growth and past a slab', () => {
    const arrays = new HitsArrays();
    const files = Array.from({ length: 600 }, () => new LineHits(arrays));
    // Each file grows a few times (200, then 2,000 lines for every tenth), so later arrays sit after earlier ones.
    files.forEach((hits, file) => {
      const last = file % 10 === 0 ? 2000 : 200;
      hits.reserve(200);
      for (let line = 1; line <= last; line++) hits.add(line, file);
    });
    files.forEach((hits, file) => {
      const last = file % 10 === 0 ? 2000 : 200;
      expect(hits.size).toBe(last);
      expect(hits.get(1)).toBe(file);
      expect(hits.get(last)).toBe(file);
      expect(hits.get(last + 1)).toBeUndefined();
    });
  });
});
