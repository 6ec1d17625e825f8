// Keeps text and lists within a destination's limits, always saying what was left out ("…and 412 more characters",
// "…and 3 more fields") so a cut is visible and never silent. Lengths are counted in UTF-16 units, as Slack and
// JSON payload limits count them, and a cut never splits a surrogate pair.
import { countOf } from '@actions-kit/core';

/**
 * `text` cut to at most `limit` units, ending in a visible note of how many characters were left out. `whole`
 * shortens the kept part further so it does not end inside a unit of the destination's markup (an entity, a link).
 */
export function truncateText(text: string, limit: number, whole: (kept: string) => string = (kept) => kept): string {
  if (text.length <= limit) return text;
  // The note's own length depends on the count: shorten until the cut text and its note fit together.
  let keep = Math.max(0, limit - note(text.length).length);
  while (keep > 0 && keep + note(text.length - keep).length > limit) keep--;
  if (keep > 0 && /[\ud800-\udbff]/.test(text[keep - 1]!)) keep--;
  const kept = whole(text.slice(0, keep));
  return `${kept}${note(text.length - kept.length)}`;
}

function note(left: number): string {
  return `…and ${countOf(left, 'more character', 'more characters')}`;
}

/**
 * The first items of `items` that fit in `limit` slots, the last slot given to `more(left)` when any are left out.
 */
export function limitList<T>(items: readonly T[], limit: number, more: (left: number) => T): T[] {
  if (items.length <= limit) return [...items];
  const kept = items.slice(0, Math.max(0, limit - 1));
  return [...kept, more(items.length - kept.length)];
}
