// The bundled action reading large reports on two threads (the bundle itself runs as the worker) under Node 20 and
// Node 24: the same outputs, JSON report and SARIF file as on one thread, and a broken report read by the worker
// named as on one thread, with strict and without. Needs `pnpm build` first.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { node24Path, runBundledAction, type StepResult } from '@actions-kit/harness';
import { PARALLEL_READ_MIN_BYTES } from '@actions-kit/findings';
import { writeBanditReport, writeGitleaksReport, writeSarifReport } from '@actions-kit/testkit';
import { tempWorkspace, type TempWorkspace } from './temp-workspace.js';

const actionDir = fileURLToPath(new URL('..', import.meta.url));
const TIMEOUT_MS = 120_000;

let ws: TempWorkspace;
/**
 * Generated once: ~17, ~14 and ~4 MB, together above PARALLEL_READ_MIN_BYTES, so threads: 2 starts a worker. The
 * action reads them in path order; the largest goes to the action's own thread (see assignToThreads).
 */
const REPORTS = ['out/bandit.json', 'out/gitleaks.json', 'out/semgrep.sarif'];
/** The first 6 MiB of semgrep.sarif: the worker reads it after semgrep.sarif, gitleaks.json goes to this thread. */
const BROKEN = 'out/broken.json';
const BROKEN_BYTES = 6 * 1024 * 1024;

beforeAll(() => {
  ws = tempWorkspace();
  const file = (relative: string) => ws.write(relative, '');
  const bytes =
    writeBanditReport(file(REPORTS[0]!), 27_000) +
    writeGitleaksReport(file(REPORTS[1]!), 6_000) +
    writeSarifReport(file(REPORTS[2]!), 16_000);
  expect(bytes).toBeGreaterThan(PARALLEL_READ_MIN_BYTES);
  // Cut off: not valid JSON, ending at a known byte (the generator writes ASCII only).
  ws.write(BROKEN, readFileSync(path.join(ws.dir, REPORTS[2]!), 'utf8').slice(0, BROKEN_BYTES));
});
afterAll(() => ws.remove());

const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(file, 'utf8'));

/** The JSON report without the one field that differs between two runs. */
function reportOf(step: StepResult): Record<string, unknown> {
  const { generatedAt, ...rest } = readJson(step.outputs['report-file']!);
  expect(typeof generatedAt).toBe('string');
  return rest;
}

/** The outputs that do not name the run's own output files. */
function countsOf(step: StepResult): Record<string, string> {
  const { 'sarif-file': _sarif, 'report-file': _report, ...counts } = step.outputs;
  return counts;
}

const WITH_BROKEN_ON_THE_WORKER =
  'reports: read on 2 threads: this thread read out/bandit.json, out/gitleaks.json; worker 1 read out/broken.json, out/semgrep.sarif';

const readingLine = (step: StepResult): string | undefined =>
  step.debug.find((line) => line.startsWith('reports: read'));

describe.each([
  ['Node 20', (): string => process.execPath],
  ['Node 24', node24Path],
])('security-scan reading on two threads under %s', (label, nodePath) => {
  const run = (threads: string, inputs: Record<string, string>) =>
    runBundledAction({
      actionDir,
      nodePath: nodePath(),
      workspace: ws.dir,
      timeoutMs: TIMEOUT_MS,
      inputs: {
        threads,
        'fail-on': 'none',
        'sarif-output': `results/${label}-${threads}.sarif`,
        'report-output': `results/${label}-${threads}.json`,
        ...inputs,
      },
    });

  it(
    'writes the same outputs, JSON report and SARIF file as on one thread',
    async () => {
      const reports = REPORTS.join('\n');
      const one = await run('1', { reports });
      const two = await run('2', { reports });

      expect([one.outcome, two.outcome]).toEqual(['success', 'success']);
      expect(readingLine(one)).toBe(`reports: read on 1 thread: this thread read ${REPORTS.join(', ')}`);
      expect(readingLine(two)).toBe(
        'reports: read on 2 threads: this thread read out/bandit.json; worker 1 read out/gitleaks.json, out/semgrep.sarif',
      );
      expect(Number(one.outputs.total)).toBeGreaterThan(0);
      expect(countsOf(two)).toEqual(countsOf(one));
      expect(reportOf(two)).toEqual(reportOf(one));
      expect(readFileSync(two.outputs['sarif-file']!, 'utf8')).toBe(readFileSync(one.outputs['sarif-file']!, 'utf8'));
      expect(two.annotations).toEqual(one.annotations);
    },
    TIMEOUT_MS,
  );

  it(
    'with strict, fails on a broken report the worker read, naming it and the byte as on one thread',
    async () => {
      const reports = [...REPORTS, BROKEN].join('\n');
      const one = await run('1', { reports });
      const two = await run('2', { reports });

      expect(readingLine(two)).toBe(WITH_BROKEN_ON_THE_WORKER);
      expect([one.exitCode, two.exitCode]).toEqual([1, 1]);
      const errors = (step: StepResult) => step.annotations.filter((a) => a.level === 'error').map((a) => a.message);
      expect(errors(two)).toEqual([
        expect.stringMatching(
          new RegExp(
            `^security-scan: reports: out/broken\\.json: not valid JSON: unexpected end of input .* at byte ${BROKEN_BYTES} \\(line \\d+, column \\d+\\)\\. The report looks truncated`,
          ),
        ),
      ]);
      expect(errors(two)).toEqual(errors(one));
      expect(two.debug.join('\n')).not.toMatch(/\n\s+at /);
      expect(two.outputs).toEqual({});
    },
    TIMEOUT_MS,
  );

  it(
    'without strict, lists the broken report and reads the others, as on one thread',
    async () => {
      const reports = [...REPORTS, BROKEN].join('\n');
      const one = await run('1', { reports, strict: 'false' });
      const two = await run('2', { reports, strict: 'false' });

      expect([one.outcome, two.outcome]).toEqual(['success', 'success']);
      expect(readingLine(two)).toBe(WITH_BROKEN_ON_THE_WORKER);
      const warnings = (step: StepResult) =>
        step.annotations.filter((a) => a.level === 'warning' && a.message.startsWith('reports:')).map((a) => a.message);
      expect(warnings(two)).toEqual([
        expect.stringMatching(
          new RegExp(
            `^reports: not read \\(strict: false\\): out/broken\\.json: not valid JSON: .* at byte ${BROKEN_BYTES} `,
          ),
        ),
      ]);
      expect(warnings(two)).toEqual(warnings(one));
      const report = reportOf(two) as { files: { path: string; raw: number; error?: string }[] };
      expect(report.files.map((f) => [f.path, f.error === undefined, f.raw > 0])).toEqual([
        ['out/bandit.json', true, true],
        ['out/broken.json', false, false],
        ['out/gitleaks.json', true, true],
        ['out/semgrep.sarif', true, true],
      ]);
      expect(report).toEqual(reportOf(one));
      expect(countsOf(two)).toEqual(countsOf(one));
    },
    TIMEOUT_MS,
  );
});
