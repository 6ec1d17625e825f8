// Durations in words, in the two forms the actions write: humanDuration for people (summaries, logs, messages about
// how long something took or may take), formatDuration for the form duration inputs are written in, so a message
// about an input's accepted range echoes what can be typed.
import { groupDigits } from './counting.js';

export const MS_PER_UNIT = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 } as const;

/**
 * One way to read a duration everywhere: 340 → '340 ms', 10_009 → '10.0 s', 125_000 → '2 min 05 s',
 * 3_720_000 → '1 h 02 min'. Each form is rounded to its last unit, and a value that rounds up to the next form is
 * written in it (59_960 → '1 min 00 s', never '60.0 s').
 */
export function humanDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const sign = ms < 0 ? '-' : '';
  const whole = Math.round(Math.abs(ms));
  if (whole < MS_PER_UNIT.s) return `${sign}${whole} ms`;
  const tenths = Math.round(whole / 100);
  if (tenths < 600) return `${sign}${(tenths / 10).toFixed(1)} s`;
  const seconds = Math.round(whole / MS_PER_UNIT.s);
  if (seconds < 3_600) return `${sign}${Math.floor(seconds / 60)} min ${twoDigits(seconds % 60)} s`;
  const minutes = Math.round(whole / MS_PER_UNIT.m);
  return `${sign}${groupDigits(Math.floor(minutes / 60))} h ${twoDigits(minutes % 60)} min`;
}

/** 90_500 → '1m30s500ms'; 0 → '0ms': the form of a duration input, for messages about inputs only. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  let rest = Math.round(Math.abs(ms));
  let text = '';
  for (const [unit, size] of Object.entries(MS_PER_UNIT)) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) text += `${count}${unit}`;
  }
  return `${ms < 0 ? '-' : ''}${text || '0ms'}`;
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}
