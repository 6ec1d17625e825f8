// Small QualityData values written the way a test reads them: lines as { line: hits }, one call per test case or
// lint message, the fields a test does not care about filled in.
import type {
  CoverageData,
  FileCoverage,
  LineBranches,
  LintMessage,
  LintResults,
  TestCase,
  TestResults,
} from '@actions-kit/quality';

export interface FileSpec {
  lines: Record<number, number>;
  branches?: Record<number, [covered: number, total: number]>;
  /** name → [first line, hits] */
  functions?: Record<string, [line: number, hits: number]>;
}

export function fileCoverage(path: string, spec: FileSpec): FileCoverage {
  const entries = <T>(record: Record<string, T>): [string, T][] => Object.entries(record);
  return {
    path,
    lines: new Map(entries(spec.lines).map(([line, hits]) => [Number(line), hits])),
    ...(spec.branches && {
      branches: new Map<number, LineBranches>(
        entries(spec.branches).map(([line, [covered, total]]) => [Number(line), { covered, total }]),
      ),
    }),
    ...(spec.functions && {
      functions: new Map(entries(spec.functions).map(([name, [line, hits]]) => [name, { name, line, hits }])),
    }),
  };
}

export function coverageOf(files: Record<string, FileSpec>): CoverageData {
  return {
    files: new Map(Object.entries(files).map(([path, spec]) => [path, fileCoverage(path, spec)])),
    sources: ['coverage/lcov.info'],
  };
}

export function testCase(name: string, outcome: TestCase['outcome'], extra: Partial<TestCase> = {}): TestCase {
  return { suite: 'suite', name, outcome, flaky: false, source: 'junit.xml', ...extra };
}

export function testsOf(cases: TestCase[]): TestResults {
  return { cases, sources: ['junit.xml'] };
}

export function lintMessage(
  path: string,
  line: number | undefined,
  severity: LintMessage['severity'],
  rule = 'no-unused-vars',
  extra: Partial<LintMessage> = {},
): LintMessage {
  return {
    path,
    ...(line !== undefined && { line }),
    severity,
    rule,
    message: `${rule} at ${path}:${line ?? '-'}`,
    tool: 'ESLint',
    source: 'eslint.json',
    ...extra,
  };
}

export function lintOf(messages: LintMessage[]): LintResults {
  return { messages, sources: ['eslint.json'] };
}
