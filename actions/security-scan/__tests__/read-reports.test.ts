// Reading the report files: strict stops at the first bad one naming the file and byte; non-strict records it.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ConfigurationError } from '@actions-kit/core';
import { describeProblem, readReports } from '../src/read-reports.js';
import type { ReportSource } from '../src/report-sources.js';
import { banditReport } from './sample-reports.js';
import { tempWorkspace, type TempWorkspace } from './temp-workspace.js';

let ws: TempWorkspace;
let sources: ReportSource[];
/** What readReports wrote to stdout (its debug line), kept out of the test log. */
let written: string[];
beforeEach(() => {
  written = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((text) => written.push(String(text)) > 0);
  ws = tempWorkspace();
  const good = banditReport([{ id: 'B602', severity: 'HIGH', text: 'shell', file: 'a.py', line: 1 }]);
  sources = [
    { file: ws.write('out/a-good.json', good), displayPath: 'out/a-good.json' },
    { file: ws.write('out/b-truncated.json', good.slice(0, 40)), displayPath: 'out/b-truncated.json' },
    { file: ws.write('out/c-good.json', good), displayPath: 'out/c-good.json', reader: 'bandit' },
  ];
});
afterEach(() => {
  jest.restoreAllMocks();
  ws.remove();
});

describe('readReports', () => {
  it('with strict, fails on the first unreadable file, naming it and the byte position', async () => {
    const error = await readReports(sources, { strict: true, root: ws.dir, threads: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(
      /^reports: out\/b-truncated\.json: not valid JSON: .* at byte 40 \(line 1, column 41\)\./,
    );
    expect((error as Error).message).toContain('With strict: false an unreadable report is listed in the summary');
  });

  it('without strict, reads the others and records the bad one in its place', async () => {
    const result = await readReports(sources, { strict: false, root: ws.dir, threads: 1 });

    expect(result.files.map((f) => f.path)).toEqual(['out/a-good.json', 'out/c-good.json']);
    expect(result.entries.map((e) => [e.path, e.format, e.raw])).toEqual([
      ['out/a-good.json', 'Bandit JSON (1.7.3 or later)', 1],
      ['out/b-truncated.json', 'unreadable', 0],
      ['out/c-good.json', 'Bandit JSON (1.7.3 or later)', 1],
    ]);
    expect(result.entries[1]!.error).toMatch(/^out\/b-truncated\.json: not valid JSON: .* at byte 40/);
    expect(result.failures).toEqual([result.entries[1]!.error]);
  });

  it('names a forced tool that does not match the content', async () => {
    const forced: ReportSource[] = [{ ...sources[0]!, reader: 'trivy' }];
    await expect(readReports(forced, { strict: true, root: ws.dir, threads: 1 })).rejects.toThrow(
      /^reports: out\/a-good\.json: the 'trivy:' prefix says .*, but the content is Bandit JSON/,
    );
  });

  it('names a file that is empty or cannot be read', async () => {
    const result = await readReports(
      [
        { file: ws.write('out/empty.json', ''), displayPath: 'out/empty.json' },
        { file: `${ws.dir}/out/gone.json`, displayPath: 'out/gone.json' },
      ],
      { strict: false, root: ws.dir, threads: 1 },
    );
    expect(result.failures).toEqual([
      expect.stringMatching(/^out\/empty\.json: the file is empty \(0 bytes\)/),
      'out/gone.json: the file cannot be read (ENOENT); check that it exists and is readable by the runner.',
    ]);
  });

  it('says in the debug log which thread read which file', async () => {
    await readReports(sources, { strict: false, root: ws.dir, threads: 4 });
    expect(written).toEqual([
      '::debug::reports: read on 1 thread: this thread read out/a-good.json, out/b-truncated.json, out/c-good.json\n',
    ]);
  });
});

describe('describeProblem', () => {
  it('throws what is not about the file (a bug) as an error naming the file, the original as its cause', () => {
    const bug = new RangeError('Invalid string length');
    let thrown: unknown;
    try {
      describeProblem(bug, 'out/trivy.json');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toBe(
      'out/trivy.json: not read, because of an error in security-scan itself: Invalid string length',
    );
    expect((thrown as Error).cause).toBe(bug);
  });

  it('names the file and the code for a system error', () => {
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    expect(describeProblem(denied, 'out/x.json')).toBe(
      'out/x.json: the file cannot be read (EACCES); check that it exists and is readable by the runner.',
    );
  });
});
