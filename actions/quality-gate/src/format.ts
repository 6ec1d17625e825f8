// How the gate writes for people: percentages with %, deltas with a sign and "pt", counts grouped, long text cut.
import { groupDigits } from '@actions-kit/core';
import type { MetricUnit } from './metrics.js';

export function formatValue(value: number, unit: MetricUnit): string {
  if (unit === 'percent') return `${value}%`;
  if (unit === 'points') return `${value > 0 ? '+' : ''}${value} pt`;
  return groupDigits(value);
}

/** The first `chars` characters (code points, so no emoji is split) and '…' when there were more. */
export function cut(text: string, chars: number): string {
  const all = Array.from(text);
  return all.length > chars ? `${all.slice(0, chars).join('')}…` : text;
}
