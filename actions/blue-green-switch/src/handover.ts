// What the main step leaves for the cancel post step: the state read from the proxy just before the first change,
// and whether the switch then ran to its end. The post step undoes only a switch that a cancellation interrupted.
import { getState, saveState } from '@actions-kit/core';
import type { LiveState } from '@actions-kit/traffic';

const PREVIOUS_KEY = 'previous-state';
const FINISHED_KEY = 'switch-finished';

/** Saved by beforeChange, so it is on disk before the proxy is touched, even if the step is then killed. */
export function savePreviousState(previous: LiveState): void {
  saveState(PREVIOUS_KEY, JSON.stringify(previous));
}

/** The switch returned or failed on its own, with no cancellation during it: the post step leaves traffic alone. */
export function markSwitchFinished(): void {
  saveState(FINISHED_KEY, 'true');
}

export interface Handover {
  /** Undefined when main changed nothing (a no-op, a dry run, cancelled before the first change). */
  previous?: LiveState;
  finished: boolean;
}

export function readHandover(): Handover {
  const saved = getState(PREVIOUS_KEY);
  return {
    previous: saved === '' ? undefined : (JSON.parse(saved) as LiveState),
    finished: getState(FINISHED_KEY) === 'true',
  };
}
