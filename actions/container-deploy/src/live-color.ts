// Which color the URL users hit is served by, asked through the proxy: the fact the post step acts on, so it removes
// the color that is not live whatever happened between main and post (a switch, a rollback, a cancellation).
import { countOf } from '@actions-kit/core';
import type { Color, ColorProbe } from '@actions-kit/traffic';

/** The color every answer came from, or undefined when the answers do not agree on one. */
export interface LiveReading {
  live?: Color;
  /** What answered, for the summary: "10 answers, all from green" or "10 answers: blue 7, no answer 3". */
  evidence: string;
}

/** Ten answers in a row, each within two seconds: enough to act on, short enough for a cancelled job's post step. */
export const READINGS = 10;
const REQUEST_TIMEOUT_MS = 2_000;

/** Stops at the first answer that is not the color of the ones before: the reading is then unclear already. */
export async function readLiveColor(probe: ColorProbe): Promise<LiveReading> {
  const seen = new Map<string, number>();
  for (let i = 1; i <= READINGS; i += 1) {
    const answer = await probe(REQUEST_TIMEOUT_MS);
    const claimed = answer.color?.trim().toLowerCase();
    const origin =
      answer.error !== undefined || answer.status === undefined || answer.status >= 500
        ? 'no answer'
        : claimed === 'blue' || claimed === 'green'
          ? claimed
          : 'another color';
    seen.set(origin, (seen.get(origin) ?? 0) + 1);
    const [first] = seen.keys();
    if (seen.size > 1 || (first !== 'blue' && first !== 'green')) {
      const counts = [...seen].map(([name, n]) => `${name} ${n}`).join(', ');
      return { evidence: `${countOf(i, 'answer')}: ${counts}` };
    }
  }
  const [only] = seen.keys() as IterableIterator<Color>;
  return { live: only, evidence: `${countOf(READINGS, 'answer')}, all from ${only}` };
}
