// The exit code `pnpm action` exits with, and what its report says about a run.
import { describe, expect, it } from '@jest/globals';
import { exitCodeFor, formatRunReport, jobSummary } from '../src/cli-report.js';
import type { RunResult, StepResult } from '../src/run-bundled-action.js';

const step = (overrides: Partial<StepResult> = {}): StepResult => ({
  exitCode: 0,
  signal: null,
  durationMs: 10,
  outputs: {},
  state: {},
  env: {},
  path: [],
  annotations: [],
  masks: [],
  debug: [],
  summary: '',
  stdout: '',
  stderr: '',
  signalsSent: [],
  outcome: 'success',
  timedOut: false,
  groups: [],
  log: [],
  ...overrides,
});

describe('exitCodeFor', () => {
  it("mirrors main's exit code, then post's when main succeeded, and 1 for a signal or timeout", () => {
    expect(exitCodeFor(step())).toBe(0);
    expect(exitCodeFor(step({ exitCode: 3, outcome: 'failure' }))).toBe(3);
    expect(exitCodeFor({ ...step(), post: step({ exitCode: 1, outcome: 'failure' }) })).toBe(1);
    expect(exitCodeFor({ ...step({ exitCode: 2 }), post: step({ exitCode: 1 }) })).toBe(2);
    expect(exitCodeFor(step({ exitCode: null, signal: 'SIGKILL', timedOut: true }))).toBe(1);
  });
});

describe('formatRunReport', () => {
  it('shows outputs quoted, annotations with properties, and masks without their values', () => {
    const result: RunResult = step({
      outputs: { message: 'Hello, world!' },
      annotations: [{ level: 'error', message: 'sample: broke', properties: { file: 'a.ts', line: '3' } }],
      masks: ['hunter2'],
      log: ['Hello'],
    });
    const report = formatRunReport('sample', result);
    expect(report).toContain('sample main: success, exit code 0, 10 ms');
    expect(report).toContain('message = "Hello, world!"');
    expect(report).toContain('error   sample: broke (file=a.ts, line=3)');
    expect(report).toContain('Masks: 1 value(s) registered (lengths 7)');
    expect(report).not.toContain('hunter2');
  });
});

describe('jobSummary', () => {
  it("puts each step's summary in turn, as the job page does", () => {
    expect(jobSummary({ ...step({ summary: 'main\n' }), post: step({ summary: 'post\n' }) })).toBe('main\n\npost\n');
  });
});
