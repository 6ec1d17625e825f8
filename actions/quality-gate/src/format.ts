// How the gate writes a metric's value for people: percentages with %, deltas with a sign and "pt", counts grouped.
import { groupDigits } from '@actions-kit/core';
import type { MetricUnit } from './metrics.js';

export function formatValue(value: number, unit: MetricUnit): string {
  if (unit === 'percent') return `${value}%`;
  if (unit === 'points') return `${value > 0 ? '+' : ''}${value} pt`;
  return groupDigits(value);
}
