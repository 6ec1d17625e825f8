// The latency figures the health check reports (p50-ms, p95-ms): percentiles by the nearest-rank method.

export interface LatencyStatistics {
  /** How many latencies the figures are taken from. */
  count: number;
  p50Ms: number;
  p95Ms: number;
}

/**
 * The nearest-rank percentile: the smallest value with at least `percentile`% of the values at or below it, i.e.
 * the value at rank ⌈percentile/100 × N⌉ (1-based) in ascending order. It is always one of the values measured,
 * never an interpolation: the p50 of 10, 20, 30, 40 ms is 20 ms, and the p95 of 20 values is the 19th smallest.
 * Undefined for no values.
 */
export function nearestRank(values: readonly number[], percentile: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((percentile / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

/** p50 and p95 of the latencies given (the health check gives those of every successful probe); undefined for none. */
export function latencyStatistics(latenciesMs: readonly number[]): LatencyStatistics | undefined {
  const p50Ms = nearestRank(latenciesMs, 50);
  const p95Ms = nearestRank(latenciesMs, 95);
  if (p50Ms === undefined || p95Ms === undefined) return undefined;
  return { count: latenciesMs.length, p50Ms, p95Ms };
}
