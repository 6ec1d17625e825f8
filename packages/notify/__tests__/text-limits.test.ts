import { describe, expect, it } from '@jest/globals';
import { limitList, truncateText } from '../src/text-limits.js';

describe('text limits', () => {
  it('leaves text within the limit as it is', () => {
    expect(truncateText('abc', 3)).toBe('abc');
  });

  it('cuts to the limit exactly, saying how much was left out', () => {
    const cut = truncateText('x'.repeat(100_000), 3_000);
    expect(cut.length).toBeLessThanOrEqual(3_000);
    expect(cut.length).toBeGreaterThan(2_990);
    expect(cut.endsWith(`…and ${(100_000 - cut.indexOf('…')).toLocaleString('en-US')} more characters`)).toBe(true);
  });

  it('never splits a surrogate pair', () => {
    const cut = truncateText('😀'.repeat(50), 31);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(cut.length).toBeLessThanOrEqual(31);
  });

  it('counts the items left out in the last slot', () => {
    expect(limitList([1, 2, 3, 4, 5], 3, (left) => -left)).toEqual([1, 2, -3]);
    expect(limitList([1, 2], 3, (left) => -left)).toEqual([1, 2]);
  });
});
