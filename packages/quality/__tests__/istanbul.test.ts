import { describe, expect, it } from '@jest/globals';
import { readCoverageReports } from '../src/index.js';
import { totalsOf, workspace } from './support/workspace.js';

const ws = workspace();
const read = (file: string, stripPrefixes: string[] = []) =>
  readCoverageReports([file], { root: ws.root, stripPrefixes });

describe('Istanbul coverage-final.json', () => {
  it('gives a line the most hits of the statements starting on it, and one branch per location', async () => {
    const final = {
      '/ci/app/src/a.js': {
        path: '/ci/app/src/a.js',
        statementMap: {
          '0': { start: { line: 1, column: 0 }, end: { line: 1, column: 9 } },
          '1': { start: { line: 1, column: 10 }, end: { line: 1, column: 20 } },
          '2': { start: { line: 2, column: 0 }, end: { line: 2, column: 9 } },
        },
        s: { '0': 0, '1': 3, '2': 0 },
        fnMap: { '0': { name: 'go', decl: { start: { line: 1, column: 0 } }, loc: { start: { line: 1, column: 0 } } } },
        f: { '0': 3 },
        branchMap: {
          '0': {
            loc: { start: { line: 2, column: 0 } },
            type: 'if',
            locations: [{ start: { line: 2 } }, { start: { line: 2 } }],
          },
        },
        b: { '0': [0, 4] },
      },
    };
    const coverage = await read(ws.write('coverage-final.json', JSON.stringify(final)), ['/ci/app']);
    expect(totalsOf(coverage.files.get('src/a.js'))).toEqual({
      lines: { covered: 1, total: 2 },
      branches: { covered: 1, total: 2 },
      functions: { covered: 1, total: 1 },
    });
  });
});

describe('Istanbul coverage-summary.json', () => {
  const metric = (covered: number, total: number, pct: number | string) => ({ covered, total, skipped: 0, pct });

  it('keeps per-file totals as a summary, ignores "total" and a pct of "Unknown"', async () => {
    const summary = {
      total: { lines: metric(999, 999, 100), branchesTrue: metric(0, 0, 'Unknown') },
      'src/a.js': { lines: metric(3, 4, 75), branches: metric(0, 0, 'Unknown'), functions: metric(1, 2, 50) },
    };
    const file = (await read(ws.write('coverage-summary.json', JSON.stringify(summary)))).files.get('src/a.js')!;
    expect(file.lines.size).toBe(0);
    expect(file.summary).toEqual({
      lines: { covered: 3, total: 4 },
      branches: { covered: 0, total: 0 },
      functions: { covered: 1, total: 2 },
    });
  });

  it('refuses covered greater than total, which no tool measures', async () => {
    const summary = { 'a.js': { lines: metric(1.15, 1, 115) } };
    await expect(read(ws.write('impossible.json', JSON.stringify(summary)))).rejects.toThrow(
      /"lines" of 'a\.js' has covered 1\.15 of 1/,
    );
  });

  it('refuses a summary with only the total', async () => {
    const summary = { total: { lines: metric(1, 1, 100) } };
    await expect(read(ws.write('total-only.json', JSON.stringify(summary)))).rejects.toThrow(/no per-file entries/);
  });
});
