import { describe, expect, it } from '@jest/globals';
import { compareNumbers, readOperator, type ComparisonOperator } from '../src/comparison.js';

describe('readOperator', () => {
  it.each([
    ['<= 1', '<=', ' 1'],
    ['< 1', '<', ' 1'],
    ['>=1', '>=', '1'],
    ['  != "x"', '!=', ' "x"'],
    ['== true', '==', ' true'],
  ])('reads %j as %s', (text, operator, rest) => {
    expect(readOperator(text)).toEqual({ operator, rest });
  });

  it.each(['= 1', '1 < 2', '', '=> 1'])('finds no operator at the start of %j', (text) => {
    expect(readOperator(text)).toBeUndefined();
  });
});

describe('compareNumbers', () => {
  it.each([
    [1, '<', 2, true],
    [2, '<', 2, false],
    [2, '<=', 2, true],
    [3, '>', 2, true],
    [2, '>=', 2, true],
    [1, '>=', 2, false],
    [2, '==', 2, true],
    [2, '!=', 2, false],
    [1, '!=', 2, true],
  ] as const)('%d %s %d is %s', (actual, operator, expected, holds) => {
    expect(compareNumbers(actual, operator, expected)).toBe(holds);
  });

  it.each(['<', '<=', '>', '>=', '==', '!='] as ComparisonOperator[])('NaN %s 1 never holds', (operator) => {
    expect(compareNumbers(NaN, operator, 1)).toBe(false);
  });
});
