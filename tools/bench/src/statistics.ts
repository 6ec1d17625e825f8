// Order statistics of timing and memory samples: the median and percentiles the benchmark tables report.

/**
 * The p-th percentile (0–100) with linear interpolation between the two nearest ranks, so the median of an even
 * number of samples is the mean of the middle two.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  if (p < 0 || p > 100) throw new Error(`percentile must be within 0–100, got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const below = Math.floor(rank);
  const above = Math.ceil(rank);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (rank - below);
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}
