// Carries the parsed inputs from main to the post step, which may not see the inputs again.
import { getState, saveState } from './runner.js';

const INPUTS_KEY = 'inputs';

/**
 * Saves the inputs as JSON in the step state. The state file lives on the runner's disk until the job ends:
 * leave secrets out and read them again in the post step.
 */
export function saveInputs<T>(inputs: T): void {
  saveState(INPUTS_KEY, JSON.stringify(inputs) ?? ''); // undefined stringifies to undefined: save nothing
}

/** The inputs saved by main, or undefined when main saved none (e.g. it failed before reading them). */
export function restoreInputs<T>(): T | undefined {
  const saved = getState(INPUTS_KEY);
  if (saved === '') return undefined;
  try {
    return JSON.parse(saved) as T;
  } catch (error) {
    throw new Error(`post step: the saved state '${INPUTS_KEY}' is not valid JSON`, { cause: error });
  }
}
