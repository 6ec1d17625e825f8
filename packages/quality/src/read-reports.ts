// The entry points: read every report of one kind, each with the member of its family its content (or a `name:`
// prefix) calls for, into the one model, with paths mapped to the repository.
import { isAbsolute, relative, resolve } from 'node:path';
import { chooseMember, describeJson, parseReportSpec, type ReportReader } from '@actions-kit/reports';
import { CoverageSink } from './coverage-sink.js';
import type { CoverageData, LintMessage, LintResults, TestCase, TestResults } from './model.js';
import type { CoverageReader, LintReader, QualityReadContext, TestReader } from './quality-reader.js';
import { openReportDocument, type ReportDocument } from './report-document.js';
import { COVERAGE_READERS, LINT_READERS, TEST_READERS } from './registry.js';
import { RepositoryPaths, slashed } from './repository-paths.js';
import { shown } from './shown.js';

export interface ReadOptions {
  /** Absolute directory that report paths are made relative to (the checkout, or working-directory inside it). */
  root: string;
  /** Prefixes removed from report paths before mapping (input path-prefix-strip). */
  stripPrefixes: readonly string[];
}

/** Said after the supported formats when no member reads a file. */
const ADVICE: Record<string, string> = {
  coverage: 'check that the pattern matches the coverage report, not an HTML or text summary.',
  tests: 'check that the pattern matches the JUnit XML the test runner wrote (e.g. jest-junit, pytest --junitxml).',
  lint: "check that the pattern matches the linter's JSON, Checkstyle or SARIF output, not its console text.",
};

/** Coverage from every file, merged per line by union (see CoverageSink). */
export async function readCoverageReports(
  files: readonly string[],
  options: ReadOptions,
  readers: readonly CoverageReader[] = COVERAGE_READERS,
): Promise<CoverageData> {
  const paths = new RepositoryPaths(options.root, options.stripPrefixes);
  const coverage = new CoverageSink();
  for (const spec of files) {
    const { reader, doc, context } = await open(spec, paths, readers, 'coverage');
    reader.read(doc, { ...context, coverage });
  }
  return coverage.result(files.map((spec) => parseReportSpec(spec, readers).pattern));
}

/** Every test case of every file, in file order; retries are folded within each file (see junit.ts). */
export async function readTestReports(
  files: readonly string[],
  options: ReadOptions,
  readers: readonly TestReader[] = TEST_READERS,
): Promise<TestResults> {
  const paths = new RepositoryPaths(options.root, options.stripPrefixes);
  const cases: TestCase[] = [];
  for (const spec of files) {
    const { reader, doc, context } = await open(spec, paths, readers, 'tests');
    for (const test of reader.read(doc, context)) cases.push(test);
  }
  return { cases, sources: files.map((spec) => parseReportSpec(spec, readers).pattern) };
}

/** Every lint message of every file, in file order. */
export async function readLintReports(
  files: readonly string[],
  options: ReadOptions,
  readers: readonly LintReader[] = LINT_READERS,
): Promise<LintResults> {
  const paths = new RepositoryPaths(options.root, options.stripPrefixes);
  const messages: LintMessage[] = [];
  for (const spec of files) {
    const { reader, doc, context } = await open(spec, paths, readers, 'lint');
    for (const message of reader.read(doc, context)) messages.push(message);
  }
  return { messages, sources: files.map((spec) => parseReportSpec(spec, readers).pattern) };
}

interface Opened<R> {
  reader: R;
  doc: ReportDocument;
  context: QualityReadContext;
}

/** Opens one report (a path, or `name:path` to force a format) and chooses its reader. */
async function open<R extends Pick<ReportReader<unknown>, 'name' | 'format' | 'detect' | 'explain' | 'anyToolFormat'>>(
  spec: string,
  paths: RepositoryPaths,
  readers: readonly R[],
  kind: string,
): Promise<Opened<R>> {
  const { reader: forced, pattern: file } = parseReportSpec(spec, readers);
  const doc = await openReportDocument(file, file);
  const reader = chooseMember(doc, file, readers, {
    forced,
    describe: describeDocument,
    advice: ADVICE[kind] ?? 'check that the pattern matches the report the tool wrote.',
  });
  const folder = slashed(relative(paths.rootDirectory, resolve(file, '..')));
  const inside = folder !== '' && !folder.startsWith('..') && !isAbsolute(folder);
  return { reader, doc, context: { file, paths, ...(inside ? { reportFolder: folder } : {}) } };
}

/** A few words about a document no member reads, never echoing it. */
function describeDocument(doc: unknown): string {
  const document = doc as ReportDocument;
  if (document.type === 'json') return describeJson(document.value);
  if (document.type === 'xml') return `XML whose root element is <${shown(document.root, 40)}>`;
  return `text starting '${shown(document.firstLine, 40)}'`;
}
