// Colors and targets: what a target input may say.
import { describe, expect, it } from '@jest/globals';
import { parseTarget } from '../src/color.js';

describe('parseTarget', () => {
  it('accepts blue, green and toggle in any case, and names the input otherwise', () => {
    expect(['Blue', ' green ', 'TOGGLE'].map(parseTarget)).toEqual(['blue', 'green', 'toggle']);
    expect(() => parseTarget('red')).toThrow("target: 'red' is not a target; use blue, green or toggle");
  });
});
