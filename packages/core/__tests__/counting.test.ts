import { describe, expect, it } from '@jest/globals';
import { agree, countOf, groupDigits } from '../src/counting.js';

describe('groupDigits', () => {
  it('groups the integer digits in threes and leaves short numbers alone', () => {
    expect([0, 7, 999, 1_000, 159_973, 1_234_567, 10_000_000].map(groupDigits)).toEqual([
      '0',
      '7',
      '999',
      '1,000',
      '159,973',
      '1,234,567',
      '10,000,000',
    ]);
  });

  it('keeps the sign and the decimals, grouping only the whole part', () => {
    expect(groupDigits(-1234.5)).toBe('-1,234.5');
    expect(groupDigits(12345.6789)).toBe('12,345.6789');
    expect(groupDigits(-0.25)).toBe('-0.25');
  });

  it('writes numbers it cannot group as JavaScript does', () => {
    expect(groupDigits(Number.NaN)).toBe('NaN');
    expect(groupDigits(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(groupDigits(1e21)).toBe('1e+21');
  });
});

describe('countOf', () => {
  it('uses the singular for exactly one and the plural otherwise, zero included', () => {
    expect(countOf(1, 'finding')).toBe('1 finding');
    expect(countOf(0, 'finding')).toBe('0 findings');
    expect(countOf(159_973, 'finding')).toBe('159,973 findings');
  });

  it('takes an irregular plural', () => {
    expect(countOf(1, 'entry', 'entries')).toBe('1 entry');
    expect(countOf(3, 'entry', 'entries')).toBe('3 entries');
  });
});

describe('agree', () => {
  it('picks the word that agrees with the count', () => {
    expect(`${countOf(1, 'entry', 'entries')} ${agree(1, 'has', 'have')} expired`).toBe('1 entry has expired');
    expect(`${countOf(2, 'entry', 'entries')} ${agree(2, 'has', 'have')} expired`).toBe('2 entries have expired');
  });
});
