// Where a step's results go on the runner: outputs, the job summary, and text from outside printed guarded. An
// action's run() takes it as a dependency, so its unit tests pass a plain object that records instead.
import { setOutput } from './runner.js';
import { printUntrusted } from './safe-output.js';
import type { SummaryBuilder } from './summary.js';

export interface StepRunner {
  setOutput(name: string, value: string): void;
  /** Appends to the job summary. */
  writeSummary(summary: SummaryBuilder): Promise<void>;
  /** Text from outside (a body, a command's output), printed with workflow commands off. */
  printUntrusted(text: string): void;
}

export const stepRunner: StepRunner = {
  setOutput,
  writeSummary: (summary) => summary.write(),
  printUntrusted,
};
