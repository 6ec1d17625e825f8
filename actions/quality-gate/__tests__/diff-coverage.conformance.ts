// Diff coverage on the real diffs of ../shared/fixtures/quality/diff with the LCOV files they go with, against what
// diff_cover's own tests assert (MANIFEST.md): the truncated C++ hunk is read as far as it goes.
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCoverageReports } from '@actions-kit/quality';
import { diffCoverage } from '../src/coverage-totals.js';
import { changedLines, parseUnifiedDiff } from '../src/unified-diff.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const FIXTURES = resolve(REPO_ROOT, '../shared/fixtures/quality');

describe('diff coverage on the shared fixtures', () => {
  it('finds them beside the repository', () => {
    expect(existsSync(join(FIXTURES, 'MANIFEST.md'))).toBe(true);
  });

  const run = async (diff: string, lcov: string) => {
    const parsed = parseUnifiedDiff(readFileSync(join(FIXTURES, 'diff', diff), 'utf8'));
    const coverage = await readCoverageReports([join(FIXTURES, 'lcov', lcov)], { root: FIXTURES, stripPrefixes: [] });
    return { parsed, result: diffCoverage(coverage, changedLines(parsed)) };
  };

  it('C++ with lcov 2.x functions: 13 changed coverable lines, line 12 missing, the cut hunk counted once', async () => {
    const { parsed, result } = await run(
      'diffcover-git_diff_cpp_functions.txt',
      'diffcover-cpp_functions_coverage.lcov',
    );
    expect(parsed.truncatedHunks).toBe(1);
    expect(parsed.files).toEqual([
      {
        path: 'calculator.cpp',
        change: 'added',
        binary: false,
        addedLines: Array.from({ length: 22 }, (_, i) => i + 1),
      },
    ]);
    expect(result.totals.lines).toEqual({ covered: 12, total: 13 });
    expect(result.files[0]?.uncovered).toEqual([{ start: 12, end: 12 }]);
  });

  it('TypeScript: every changed coverable line covered (diff_cover: 100%)', async () => {
    const { parsed, result } = await run(
      'diffcover-git_diff_typescript.txt',
      'diffcover-real_typescript_coverage.lcov',
    );
    // The header says +1,40 but 39 lines follow (the file's last line, '+} ', has no newline): cut by one.
    expect(parsed.truncatedHunks).toBe(1);
    expect(parsed.files[0]).toMatchObject({ path: 'src/calculator.ts', change: 'added' });
    expect(parsed.files[0]?.addedLines).toHaveLength(39);
    // diff_cover also counts the 4 FN lines without a DA record, so it says 20 of 20; the per-line records say 16.
    expect(result.totals.lines).toEqual({ covered: 16, total: 16 });
    expect(result.files[0]?.uncoveredCount).toBe(0);
  });
});
