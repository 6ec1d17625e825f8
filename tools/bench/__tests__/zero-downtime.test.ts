import { describe, expect, it } from '@jest/globals';
import { parseZeroDowntimeTable } from '../src/benchmarks/zero-downtime.js';

describe('parseZeroDowntimeTable', () => {
  it('reads one row per switching technique from the table the script prints last', () => {
    const output = [
      'round 1 | HAProxy runtime API (provider) | 400000 requests (40000/s) | failed 0 () | worst time to 100% new color 0 ms',
      '',
      '| switch | requests/s (median) | failed of ~requests, per round | failed (median) | worst time to 100% new color (median) |',
      '|---|---|---|---|---|',
      '| HAProxy runtime API (provider) | 41571 | 0/415000, 0/416000, 0/414000 | 0 | 0 ms |',
      '| nginx naive rewrite + reload | 35893 | 312/358000, 194/359000, 286/357000 | 286 | 100 ms |',
    ].join('\n');

    expect(parseZeroDowntimeTable(output)).toEqual([
      {
        switch: 'HAProxy runtime API (provider)',
        requestsPerSecond: 41571,
        perRound: '0/415000, 0/416000, 0/414000',
        failedMedian: 0,
        convergenceMs: 0,
      },
      {
        switch: 'nginx naive rewrite + reload',
        requestsPerSecond: 35893,
        perRound: '312/358000, 194/359000, 286/357000',
        failedMedian: 286,
        convergenceMs: 100,
      },
    ]);
  });
});
