// Reads the action's inputs as the runner passes them (one INPUT_<NAME> variable each), for the tests of getInputs.
import { afterEach } from '@jest/globals';
import { getInputs, type Inputs } from '../../src/inputs.js';

/** Sets exactly these inputs (action.yml's defaults left to getInputs) and reads them. */
export function readWith(inputs: Record<string, string>): Inputs {
  clearInputs();
  for (const [name, value] of Object.entries(inputs)) process.env[`INPUT_${name.toUpperCase()}`] = value;
  return getInputs();
}

function clearInputs(): void {
  for (const name of Object.keys(process.env)) if (name.startsWith('INPUT_')) delete process.env[name];
}

/** Registers the clean-up after each test of the calling file, so no input leaks into the next. */
export function clearInputsAfterEach(): void {
  afterEach(clearInputs);
}
