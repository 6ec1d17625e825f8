import { describe, expect, it } from '@jest/globals';
import { diffLines } from '../src/line-diff.js';

describe('diffLines', () => {
  it('marks nothing when both sides are equal', () => {
    expect(diffLines(['a', 'b'], ['a', 'b'])).toEqual(['  a', '  b']);
  });

  it('shows a changed line as a removal followed by an addition', () => {
    expect(diffLines(['a', 'b', 'c'], ['a', 'B', 'c'])).toEqual(['  a', '- b', '+ B', '  c']);
  });

  it('shows lines only on one side, including at the ends', () => {
    expect(diffLines(['x', 'a'], ['a', 'y'])).toEqual(['- x', '  a', '+ y']);
    expect(diffLines([], ['a'])).toEqual(['+ a']);
    expect(diffLines(['a'], [])).toEqual(['- a']);
  });

  it('shows a swapped pair as one move, keeping the longest common part', () => {
    expect(diffLines(['h', 'a', 'b'], ['h', 'b', 'a'])).toEqual(['  h', '- a', '  b', '+ a']);
  });
});
