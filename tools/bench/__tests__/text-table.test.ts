import { describe, expect, it } from '@jest/globals';
import { renderTextTable } from '../src/text-table.js';

describe('renderTextTable', () => {
  it('pads text to the left and numbers to the right, under a dashed rule', () => {
    expect(
      renderTextTable(
        ['action', 'ms', 'ratio'],
        [
          ['sample-action', '41.5', '1.12×'],
          ['x', '120.0', '2.40×'],
        ],
      ).split('\n'),
    ).toEqual([
      'action            ms  ratio',
      '-------------  -----  -----',
      'sample-action   41.5  1.12×',
      'x              120.0  2.40×',
    ]);
  });
});
