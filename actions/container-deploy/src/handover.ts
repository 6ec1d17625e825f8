// What main leaves for the post step: the name of the container it started (saved before `docker run`, so a
// cancellation during it still leaves the post step something to clean up) and the inputs it ran with.
import { getState, restoreInputs, saveInputs, saveState } from '@actions-kit/core';
import type { Inputs } from './inputs.js';

const STARTED_KEY = 'started-container';

export function saveHandover(inputs: Inputs): void {
  saveInputs(inputs);
}

export function markStarting(name: string): void {
  saveState(STARTED_KEY, name);
}

export interface Handover {
  inputs?: Inputs;
  /** The container main started, or was starting when it stopped; undefined when it got no further than checks. */
  started?: string;
}

export function readHandover(): Handover {
  return { inputs: restoreInputs<Inputs>(), started: getState(STARTED_KEY) || undefined };
}
