import { describe, expect, it } from '@jest/globals';
import { startupFigures, startupTable } from '../src/startup-report.js';

const samples = {
  action: 'sample-action',
  nodeVersion: 'v20.20.2',
  actionMs: [60, 62, 61, 63, 80, 59, 61, 62, 60, 61],
  baselineMs: [40, 41, 40, 42, 39, 40, 41, 40, 40, 45],
  actionRssKiB: [51200, 52224, 50176],
  baselineRssKiB: [40960, 40960, 41984],
};

describe('startupFigures', () => {
  it('computes medians, p90, the ratio of medians and the median peak RSS', () => {
    const figures = startupFigures(samples);
    expect(figures).toMatchObject({
      runs: 10,
      medianMs: 61,
      p90Ms: 64.7,
      baselineMedianMs: 40,
      ratio: 1.53,
      peakRssMiB: 50,
      baselinePeakRssMiB: 40,
      targetRatio: 2,
      verdict: 'PASS',
    });
  });

  it('says OVER when the ratio passes the target, judged on the ratio as shown', () => {
    expect(startupFigures({ ...samples, actionMs: samples.baselineMs.map((ms) => ms * 2.5) }).verdict).toBe('OVER');
    expect(startupFigures({ ...samples, actionMs: samples.baselineMs.map((ms) => ms * 2.001) })).toMatchObject({
      ratio: 2,
      verdict: 'PASS',
    });
  });
});

describe('startupTable', () => {
  it('shows one row per action and node with every column', () => {
    const [header, , row] = startupTable([startupFigures(samples)]).split('\n');
    expect(header?.split(/\s{2,}/)).toEqual([
      'action',
      'node',
      'median ms',
      'p90 ms',
      'baseline median ms',
      'ratio',
      'peak RSS MiB',
      'baseline RSS MiB',
      'target',
      'verdict',
    ]);
    expect(row?.trim().split(/\s+/)).toEqual([
      'sample-action',
      'v20.20.2',
      '61.0',
      '64.7',
      '40.0',
      '1.53×',
      '50.0',
      '40.0',
      '≤',
      '2.0×',
      'PASS',
    ]);
  });
});
