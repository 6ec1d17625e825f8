// Conformance with real reports: every file under ../shared/fixtures/quality read with the totals its MANIFEST
// lists. Where our semantics deliberately differ from the source project's, the test asserts ours and says why
// (README.md, "Conformance").
import { expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  readCoverageReports,
  readLintReports,
  readTestReports,
  type CoverageData,
  type TestCase,
} from '../src/index.js';
import { totalsOf } from './support/workspace.js';
import { sharedFixtures } from '@actions-kit/testkit/shared-fixtures';

const { root: FIXTURES, suite } = sharedFixtures('quality', 'quality', 'MANIFEST.md');
/** A root with no files: paths stay as the reports give them (relative ones) or unmapped (absolute ones). */
const NOWHERE = { root: join(tmpdir(), 'quality-conformance-no-checkout'), stripPrefixes: [] as string[] };
const at = (path: string) => join(FIXTURES, path);

/** Overall totals, as the gate computes them from the per-file records. */
function overall(data: CoverageData) {
  const sum: Record<'lines' | 'branches' | 'functions', [number, number]> = {
    lines: [0, 0],
    branches: [0, 0],
    functions: [0, 0],
  };
  for (const file of data.files.values()) {
    const totals = totalsOf(file);
    for (const metric of ['lines', 'branches', 'functions'] as const) {
      // A file from a summary has no line records: its totals are the summary's.
      const t = file.summary ? file.summary[metric] : totals[metric];
      if (t) {
        sum[metric][0] += t.covered;
        sum[metric][1] += t.total;
      }
    }
  }
  return sum;
}

/** The lines a unified diff adds, per file (enough of a diff reader for this test: the gate has the real one). */
function addedLines(diff: string): Map<string, number[]> {
  const added = new Map<string, number[]>();
  let file = '';
  let line = 0;
  for (const text of diff.split('\n')) {
    if (text.startsWith('+++ b/')) added.set((file = text.slice(6)), []);
    else if (text.startsWith('@@')) line = Number(/\+(\d+)/.exec(text)![1]);
    else if (text.startsWith('+')) added.get(file)!.push(line++);
    else if (text.startsWith(' ')) line++;
  }
  return added;
}

function diffCoverage(data: CoverageData, diff: string) {
  let total = 0;
  const missing: number[] = [];
  for (const [path, lines] of addedLines(readFileSync(at(diff), 'utf8'))) {
    const hits = data.files.get(path)?.lines;
    for (const line of lines) {
      const count = hits?.get(line);
      if (count === undefined) continue;
      total++;
      if (count === 0) missing.push(line);
    }
  }
  return { total, missing };
}

suite('LCOV fixtures', () => {
  it('diffcover-real_typescript_coverage.lcov: 16/16 lines, 11/11 branches, 5/5 functions; diff coverage 100%', async () => {
    const data = await readCoverageReports([at('lcov/diffcover-real_typescript_coverage.lcov')], NOWHERE);
    expect(totalsOf(data.files.get('src/calculator.ts'))).toEqual({
      lines: { covered: 16, total: 16 },
      branches: { covered: 11, total: 11 },
      functions: { covered: 5, total: 5 },
    });
    // diff-cover asserts 20 lines, 0 missing, 100%: it also counts the 4 FN lines without a DA record. A function's
    // start line is not a line LCOV measured, so we count the 16 DA lines: 0 missing, 100% all the same.
    expect(diffCoverage(data, 'diff/diffcover-git_diff_typescript.txt')).toEqual({ total: 16, missing: [] });
  });

  it('diffcover-cpp_functions_coverage.lcov (lcov 2.x FNL/FNA): 16/17 lines, 3/3 functions; diff: 13 lines, line 12 missing', async () => {
    const data = await readCoverageReports([at('lcov/diffcover-cpp_functions_coverage.lcov')], NOWHERE);
    const file = data.files.get('calculator.cpp');
    expect(totalsOf(file)).toEqual({ lines: { covered: 16, total: 17 }, functions: { covered: 3, total: 3 } });
    expect(file!.branches).toBeUndefined();
    // The diff's hunk header says 28 lines but 22 follow (truncated): the 22 are read, as diff-cover does.
    expect(diffCoverage(data, 'diff/diffcover-git_diff_cpp_functions.txt')).toEqual({ total: 13, missing: [12] });
  });
});

suite('Cobertura, JaCoCo, Clover and Istanbul fixtures', () => {
  it('cobertura-action-test-branch.xml: line 90% (27/30), branch 75% (9/12), per-file rates as asserted', async () => {
    const data = await readCoverageReports([at('cobertura/cobertura-action-test-branch.xml')], NOWHERE);
    expect([...data.files.keys()].sort()).toEqual([
      'Main.java',
      'search/BinarySearch.java',
      'search/ISortedArraySearch.java',
      'search/LinearSearch.java',
    ]);
    expect(overall(data)).toEqual({ lines: [27, 30], branches: [9, 12], functions: [0, 0] });
    expect(totalsOf(data.files.get('search/BinarySearch.java'))).toEqual({
      lines: { covered: 11, total: 12 }, // 91.667%
      branches: { covered: 5, total: 6 }, // 83.333%
    });
    expect(totalsOf(data.files.get('search/LinearSearch.java'))).toEqual({
      lines: { covered: 5, total: 7 }, // 71.429%
      branches: { covered: 4, total: 6 }, // 66.667%
    });
  });

  it('cobertura: the C:/ source root maps through a strip prefix', async () => {
    const data = await readCoverageReports([at('cobertura/cobertura-action-test-branch.xml')], {
      ...NOWHERE,
      stripPrefixes: ['C:/local/mvn-coverage-example'],
    });
    expect(data.files.has('src/main/java/search/BinarySearch.java')).toBe(true);
  });

  it('jacoco-report-textCoverage.xml: lines 3/4, methods 3/4, no BRANCH counter is n/a (not 0%), DOCTYPE not fetched', async () => {
    const data = await readCoverageReports([at('jacoco/jacoco-report-textCoverage.xml')], NOWHERE);
    const file = data.files.get('com/madrapps/text/StringOp.java');
    expect(totalsOf(file)).toEqual({ lines: { covered: 3, total: 4 }, functions: { covered: 3, total: 4 } });
    expect(file!.branches).toBeUndefined();
    expect(overall(data).branches).toEqual([0, 0]);
  });

  it('jacoco: the package path is found in a checkout that has the file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'quality-conformance-'));
    try {
      mkdirSync(join(root, 'text/src/main/java/com/madrapps/text'), { recursive: true });
      writeFileSync(join(root, 'text/src/main/java/com/madrapps/text/StringOp.java'), '');
      const data = await readCoverageReports([at('jacoco/jacoco-report-textCoverage.xml')], {
        root,
        stripPrefixes: [],
      });
      expect(data.files.has('text/src/main/java/com/madrapps/text/StringOp.java')).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('diffcover-clover-istanbul.xml: isLucky.js lines [2,3,5,6,8,12]; statements 8/8, conditionals 5/6', async () => {
    const data = await readCoverageReports([at('clover/diffcover-clover-istanbul.xml')], NOWHERE);
    expect([...data.files.get('isLucky.js')!.lines.keys()].sort((a, b) => a - b)).toEqual([2, 3, 5, 6, 8, 12]);
    expect(overall(data)).toEqual({ lines: [8, 8], branches: [5, 6], functions: [0, 0] });
  });

  it('vitest-coverage-summary.json: lines 60/145, functions 18/29, branches 23/58 from the 5 files ("Unknown" pct ignored)', async () => {
    const data = await readCoverageReports([at('istanbul/vitest-coverage-summary.json')], {
      ...NOWHERE,
      stripPrefixes: ['/absolute/path'],
    });
    expect([...data.files.keys()].sort()).toEqual([
      'src/constants.js',
      'src/format.js',
      'src/index.js',
      'src/parse.js',
      'src/utils.js',
    ]);
    expect(overall(data)).toEqual({ lines: [60, 145], branches: [23, 58], functions: [18, 29] });
    expect(data.files.get('src/format.js')!.lines.size).toBe(0); // a summary has no lines for diff coverage
  });

  it('vitest-coverage-summary-compare.json (mock data): refused, as it claims 1.15 of 1 lines covered (115%)', async () => {
    // The MANIFEST says to prefer the given pct; pct is 115 here, which no coverage tool can measure. Fractional
    // counts are accepted (format.js has 27.6 of 33); counts above the total are not, whatever the pct says.
    await expect(readCoverageReports([at('istanbul/vitest-coverage-summary-compare.json')], NOWHERE)).rejects.toThrow(
      /"lines" of '\/absolute\/path\/src\/constants\.js' has covered 1\.15 of 1/,
    );
  });
});

function counts(cases: TestCase[]) {
  const result = { total: cases.length, passed: 0, failed: 0, errored: 0, skipped: 0, flaky: 0 };
  for (const c of cases) {
    result[c.outcome]++;
    if (c.flaky) result.flaky++;
  }
  return result;
}

suite('JUnit fixtures', () => {
  const read = async (path: string, root = NOWHERE.root) =>
    (await readTestReports([at(path)], { root, stripPrefixes: [] })).cases;

  it('dorny-jest-junit.xml: 6 tests, 1 passed, 4 failed, 1 skipped; files from the suite names (Windows separators)', async () => {
    const cases = await read('junit/dorny-jest-junit.xml');
    expect(counts(cases)).toEqual({ total: 6, passed: 1, failed: 4, errored: 0, skipped: 1, flaky: 0 });
    expect(new Set(cases.map((c) => c.file))).toEqual(new Set(['__tests__/main.test.js', '__tests__/second.test.js']));
    expect(cases.find((c) => c.name === 'Failing test')).toMatchObject({
      classname: 'Test 1 › Test 1.1',
      line: 10,
      message: 'Error: expect(received).toBeTruthy()',
    });
  });

  it('enricomi-pytest-junit.fail.xml: 5 tests, 3 pass, 1 fail, 1 skipped; the failure at test/test_spark.py:820, where the test is defined', async () => {
    const cases = await read('junit/enricomi-pytest-junit.fail.xml');
    expect(counts(cases)).toEqual({ total: 5, passed: 3, failed: 1, errored: 0, skipped: 1, flaky: 0 });
    expect(cases.find((c) => c.outcome === 'failed')).toMatchObject({ file: 'test/test_spark.py', line: 820 });
    // pytest's line="819" counts from 0 (the failure trace puts the test's first statement at 821, the line after
    // its def); EnricoMi's action annotates 819 as written, one line above the test.
  });

  it('enricomi-testsuite-in-testsuite.xml: 5 tests, all pass, nested suites not double-counted', async () => {
    const cases = await read('junit/enricomi-testsuite-in-testsuite.xml');
    expect(counts(cases)).toEqual({ total: 5, passed: 5, failed: 0, errored: 0, skipped: 0, flaky: 0 });
    expect(new Set(cases.map((c) => c.suite)).size).toBe(4);
  });

  it('mikepenz-surefire-TEST-CalcUtilsTest.xml: 2 failures, at CalcUtilsTest.kt lines 27 and 15 when the checkout has the file', async () => {
    expect(counts(await read('junit/mikepenz-surefire-TEST-CalcUtilsTest.xml'))).toMatchObject({
      total: 2,
      failed: 2,
      skipped: 0,
    });
    const root = mkdtempSync(join(tmpdir(), 'quality-conformance-'));
    try {
      const source = 'src/test/kotlin/action/surefire/report/calc/CalcUtilsTest.kt';
      mkdirSync(join(root, dirname(source)), { recursive: true });
      writeFileSync(join(root, source), '');
      const cases = await read('junit/mikepenz-surefire-TEST-CalcUtilsTest.xml', root);
      expect(cases.map((c) => `${c.file}:${c.line}`)).toEqual([`${source}:27`, `${source}:15`]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('mikepenz-surefire-mixed_flaky_and_passed.xml: 3 passed, 0 failed, 1 flaky (flakyFailure is a pass)', async () => {
    const cases = await read('junit/mikepenz-surefire-mixed_flaky_and_passed.xml');
    expect(counts(cases)).toEqual({ total: 3, passed: 3, failed: 0, errored: 0, skipped: 0, flaky: 1 });
    expect(cases.find((c) => c.flaky)).toMatchObject({
      name: 'testFlaky',
      message: 'java.lang.AssertionError: Flaky failure',
    });
  });
});

suite('lint fixtures', () => {
  const read = async (path: string) => (await readLintReports([at(path)], NOWHERE)).messages;

  it('eslint-annotate-3-errors.json: 3 errors, 0 warnings, all prettier/prettier at lines 20, 21 and 25', async () => {
    const messages = await read('eslint/eslint-annotate-3-errors.json');
    expect(messages.map((m) => `${m.path}:${m.line} ${m.severity} ${m.rule}`)).toEqual(
      [20, 21, 25].map((line) => `src/__tests__/eslintJsonReportToJs.test.ts:${line} error prettier/prettier`),
    );
  });

  it('eslint-annotate-unused-disable-directive.json: 1 error at src/index.ts:10, with no rule (ruleId null)', async () => {
    const messages = await read('eslint/eslint-annotate-unused-disable-directive.json');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ path: 'src/index.ts', line: 10, severity: 'error' });
    expect(messages[0]!.rule).toBeUndefined();
    expect(messages[0]!.endLine).toBeUndefined();
  });

  it('reviewdog-eslint-checkstyle.xml: 9 messages, 5 errors and 4 warnings, in /path/to/file, &apos; decoded', async () => {
    const messages = await read('checkstyle/reviewdog-eslint-checkstyle.xml');
    expect(messages).toHaveLength(9);
    expect(messages.filter((m) => m.severity === 'error')).toHaveLength(5);
    expect(messages.filter((m) => m.severity === 'warning')).toHaveLength(4);
    expect(new Set(messages.map((m) => m.path))).toEqual(new Set(['/path/to/file']));
    expect(messages[0]!.message).toContain("'addOne' is defined but never used.");
  });

  it('codeql-action-fingerprinting.input.sarif: 2 warnings (no level), the second located by artifact index', async () => {
    const messages = await read('sarif/codeql-action-fingerprinting.input.sarif');
    expect(messages.map((m) => `${m.path} ${m.severity} ${m.rule}`)).toEqual([
      'testFile1.js warning js/unused-local-variable',
      'testFile2.js warning js/unused-local-variable',
    ]);
  });
});
