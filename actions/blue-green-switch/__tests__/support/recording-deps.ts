// The steps' dependencies as plain objects that keep what they were given: outputs, summaries as text, untrusted
// output, progress lines, and the handover; the provider is testkit's in-memory proxy, timed by a manual clock.
import type { InMemoryProvider, ManualClock } from '@actions-kit/testkit';
import { recordingLogger } from '@actions-kit/testkit';
import type { LiveState } from '@actions-kit/traffic';
import type { Inputs } from '../../src/inputs.js';
import type { MainDeps } from '../../src/main.js';
import { renderedText } from '@actions-kit/testkit';

export interface RecordingDeps extends MainDeps {
  outputs: Record<string, string>;
  /** Each summary written, as a reader sees it rendered. */
  summaries: string[];
  untrusted: string[];
  logger: ReturnType<typeof recordingLogger>;
  handover: MainDeps['handover'] & { saved: LiveState[]; finished: boolean };
  /** The setups createProvider was asked for. */
  setups: unknown[];
  /** What the cancellation watch reports as received; set it to act as a cancelled job. */
  cancelledBy?: NodeJS.Signals;
}

export function recordingDeps(proxy: InMemoryProvider, clock: ManualClock, reportFolder: string): RecordingDeps {
  const deps: RecordingDeps = {
    outputs: {},
    summaries: [],
    untrusted: [],
    setups: [],
    runner: {
      setOutput: (name, value) => void (deps.outputs[name] = value),
      writeSummary: async (summary) => void deps.summaries.push(renderedText(summary.toString())),
      printUntrusted: (text) => void deps.untrusted.push(text),
    },
    logger: recordingLogger(),
    createProvider: (setup) => {
      deps.setups.push(setup);
      return proxy;
    },
    colorProbe: () => proxy.probe(clock),
    clock,
    reportFolder,
    handover: {
      saved: [],
      finished: false,
      savePrevious: (previous) => void deps.handover.saved.push(previous),
      markFinished: () => void (deps.handover.finished = true),
    },
    watchCancellation: () => ({
      signal: new AbortController().signal,
      get received() {
        return deps.cancelledBy;
      },
      stop: () => undefined,
    }),
  };
  return deps;
}

/** The summary's first line, its heading: where the verdict is. */
export function headingOf(summary: string | undefined): string {
  return summary?.split('\n')[0] ?? '';
}

/** The items of the list under a `### title` heading of a rendered summary. */
export function listUnder(summary: string | undefined, title: string): string[] {
  const section = summary?.split(`### ${title}\n\n`)[1] ?? '';
  return section
    .split('\n\n')[0]!
    .split('\n')
    .filter((line) => line.startsWith('- '))
    .map((line) => line.slice(2));
}

/** Inputs for the in-memory proxy: a switch to green, verified by 5 answers within 2 s. */
export function memoryInputs(overrides: Partial<Inputs> = {}): Inputs {
  return {
    provider: 'memory',
    settings: {},
    target: 'green',
    verify: { url: 'http://memory.invalid/', header: 'x-color', requests: 5, timeoutMs: 2_000 },
    dryRun: false,
    lockTimeoutMs: 1_000,
    ...overrides,
  };
}
