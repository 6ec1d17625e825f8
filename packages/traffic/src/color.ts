// Blue and green: the two colors traffic moves between, and how a requested target resolves to one of them.
import { TrafficError } from './errors.js';

export const COLORS = ['blue', 'green'] as const;
export type Color = (typeof COLORS)[number];

/** What a run asks for: a color, or the one that is not live. */
export type Target = Color | 'toggle';

/** What a proxy says is live: both while an interrupted switch left both colors enabled, none before the first. */
export type LiveColor = Color | 'both' | 'none';

export function otherColor(color: Color): Color {
  return color === 'blue' ? 'green' : 'blue';
}

export function isColor(value: string): value is Color {
  return value === 'blue' || value === 'green';
}

/** Resolves `toggle` against what is live; toggling needs exactly one live color to flip from. */
export function resolveTarget(target: Target, live: LiveColor): Color {
  if (target !== 'toggle') return target;
  if (live === 'blue' || live === 'green') return otherColor(live);
  const why =
    live === 'both'
      ? 'both colors are live (an interrupted switch?)'
      : 'no color is live yet (first switch, or both disabled)';
  throw new TrafficError(`target: cannot toggle because ${why}; set target to blue or green`);
}
