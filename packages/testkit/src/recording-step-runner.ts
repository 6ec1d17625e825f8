// Core's StepRunner (outputs, the job summary, text from outside) recording what an action's run(inputs, deps) gives
// it, for unit tests with plain objects. Typed by shape, so the testkit needs no dependency on core.

export interface RecordedStepRunner {
  /** Pass as the deps' `runner`. */
  runner: {
    setOutput(name: string, value: string): void;
    writeSummary(summary: { toString(): string }): Promise<void>;
    printUntrusted(text: string): void;
  };
  outputs: Record<string, string>;
  /** Each summary written, as its Markdown. */
  summaries: string[];
  /** The untrusted text printed, in order. */
  printed: string[];
}

/** `printed`: where untrusted text goes, e.g. the array a test's log lines go to, to keep their order. */
export function recordingStepRunner(printed: string[] = []): RecordedStepRunner {
  const outputs: Record<string, string> = {};
  const summaries: string[] = [];
  return {
    runner: {
      setOutput: (name, value) => void (outputs[name] = value),
      writeSummary: async (summary) => void summaries.push(summary.toString()),
      printUntrusted: (text) => void printed.push(text),
    },
    outputs,
    summaries,
    printed,
  };
}
