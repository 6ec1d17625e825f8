// Turns start-up samples into figures (median, p90, ratio to the baseline, verdict) and the table that shows them.
import { median, percentile } from './statistics.js';
import { renderTextTable } from './text-table.js';

/** An action may take at most this many times as long to start and finish as node on an empty script. */
export const TARGET_RATIO = 2.0;

export interface StartupSamples {
  action: string;
  /** `node --version` of the binary that ran it. */
  nodeVersion: string;
  /** durationMs of each measured run of the action's main step. */
  actionMs: number[];
  /** durationMs of each measured run of the baseline, interleaved with the action's runs. */
  baselineMs: number[];
  /** Peak RSS in KiB of each memory run. */
  actionRssKiB: number[];
  baselineRssKiB: number[];
}

export interface StartupFigures {
  action: string;
  nodeVersion: string;
  runs: number;
  medianMs: number;
  p90Ms: number;
  baselineMedianMs: number;
  baselineP90Ms: number;
  ratio: number;
  peakRssMiB: number;
  baselinePeakRssMiB: number;
  targetRatio: number;
  verdict: 'PASS' | 'OVER';
  samples: { actionMs: number[]; baselineMs: number[]; actionRssKiB: number[]; baselineRssKiB: number[] };
}

const round1 = (value: number): number => Math.round(value * 10) / 10;
const round2 = (value: number): number => Math.round(value * 100) / 100;

export function startupFigures(samples: StartupSamples): StartupFigures {
  const medianMs = median(samples.actionMs);
  const baselineMedianMs = median(samples.baselineMs);
  const ratio = medianMs / baselineMedianMs;
  return {
    action: samples.action,
    nodeVersion: samples.nodeVersion,
    runs: samples.actionMs.length,
    medianMs: round1(medianMs),
    p90Ms: round1(percentile(samples.actionMs, 90)),
    baselineMedianMs: round1(baselineMedianMs),
    baselineP90Ms: round1(percentile(samples.baselineMs, 90)),
    ratio: round2(ratio),
    // The median of the per-run peaks: one figure that a single noisy run does not move.
    peakRssMiB: round1(median(samples.actionRssKiB) / 1024),
    baselinePeakRssMiB: round1(median(samples.baselineRssKiB) / 1024),
    targetRatio: TARGET_RATIO,
    // Judged on the ratio as shown, so the table never prints 2.00× next to OVER.
    verdict: round2(ratio) <= TARGET_RATIO ? 'PASS' : 'OVER',
    samples: {
      actionMs: samples.actionMs,
      baselineMs: samples.baselineMs,
      actionRssKiB: samples.actionRssKiB,
      baselineRssKiB: samples.baselineRssKiB,
    },
  };
}

export function startupTable(figures: readonly StartupFigures[]): string {
  return renderTextTable(
    [
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
    ],
    figures.map((row) => [
      row.action,
      row.nodeVersion,
      row.medianMs.toFixed(1),
      row.p90Ms.toFixed(1),
      row.baselineMedianMs.toFixed(1),
      `${row.ratio.toFixed(2)}×`,
      row.peakRssMiB.toFixed(1),
      row.baselinePeakRssMiB.toFixed(1),
      `≤ ${row.targetRatio.toFixed(1)}×`,
      row.verdict,
    ]),
  );
}
