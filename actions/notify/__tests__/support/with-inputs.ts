// The inputs as the runner passes them, for the tests that read them: each call starts a fresh fake runner (INPUT_*
// cleared, stdout captured) with exactly these inputs, and the file's afterEach puts the environment back.
import { afterEach } from '@jest/globals';
import { fakeRunner, type FakeRunner } from '@actions-kit/testkit';

let runner: FakeRunner | undefined;

/** A fake runner with exactly these inputs; what the code under test writes to stdout is in its stdout(). */
export function withInputs(values: Record<string, string>): FakeRunner {
  runner?.restore();
  runner = fakeRunner();
  for (const [name, value] of Object.entries(values)) runner.setInput(name, value);
  return runner;
}

/** Registers the restore after each test of the calling file. */
export function restoreRunnerAfterEach(): void {
  afterEach(() => {
    runner?.restore();
    runner = undefined;
  });
}
