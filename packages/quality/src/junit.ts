// Reads JUnit XML as the test tools write it (jest-junit, pytest xunit1/xunit2, Maven Surefire/Failsafe, Gradle,
// PHPUnit, go-junit-report, ...): one TestCase per <testcase>, never the counts on suite elements. Within a testcase
// error > failure > skipped; Surefire's flakyFailure/flakyError on a passing testcase make it a flaky pass; a testcase
// repeated in one report (a retry plugin's attempts) is one test, a flaky pass when its last attempt passed after a
// failure. Nested <testsuite>s are only names on the way to the testcases, so nothing is counted twice.
import { InputError } from '@actions-kit/reports';
import type { TestCase, TestOutcome } from './model.js';
import { documentOf, xmlRootName, type QualityReadContext, type TestReader } from './quality-reader.js';
import { isAbsolutePath, slashed } from './repository-paths.js';
import { positiveAttribute, readXml } from './xml.js';

/** The longest failure body kept per test: enough for a stack trace, bounded for runs with thousands of failures. */
const MAX_DETAILS = 16 * 1024;

/** Elements whose text is a result's body: the outcome elements and the <stackTrace> inside Surefire's reruns. */
const RESULT_ELEMENTS = new Set([
  'failure',
  'error',
  'skipped',
  'flakyFailure',
  'flakyError',
  'rerunFailure',
  'rerunError',
]);

interface Result {
  element: string;
  message?: string;
  text: string;
}

interface OpenCase {
  attributes: Readonly<Record<string, string>>;
  suite: string;
  suiteFile?: string;
  /** pytest writes `line` counting from 0 (its item.location); every other tool counts from 1. */
  zeroBasedLine: boolean;
  results: Result[];
}

export const junitReader: TestReader = {
  name: 'junit',
  format: 'JUnit XML',
  detect: (doc) => xmlRootName(doc) === 'testsuites' || xmlRootName(doc) === 'testsuite',
  read(doc, context) {
    const { source } = documentOf(doc, 'xml');
    const suites: { name: string; file?: string }[] = [];
    const cases: TestCase[] = [];
    /** suite, classname and name → index in `cases`, to fold a retried testcase's attempts into one. */
    const seen = new Map<string, number>();
    let open: OpenCase | undefined;
    let result: Result | undefined;
    readXml(source, {
      open(name, attributes) {
        if (name === 'testsuite') {
          const file = attributes['file'];
          suites.push({ name: attributes['name'] ?? '', ...(file && !file.endsWith('/') && { file }) });
        } else if (name === 'testcase') {
          const suite = suites.map((s) => s.name).join(' › ');
          const suiteFile = suites.findLast((s) => s.file !== undefined)?.file ?? pathLike(suites.at(-1)?.name);
          // pytest names its one suite 'pytest' unless junit_suite_name says otherwise.
          const zeroBasedLine = suites[0]?.name === 'pytest';
          open = { attributes, suite, ...(suiteFile && { suiteFile }), zeroBasedLine, results: [] };
        } else if (open && RESULT_ELEMENTS.has(name) && !result) {
          const message = attributes['message'];
          result = { element: name, ...(message !== undefined && { message }), text: '' };
        }
      },
      close(name) {
        if (name === 'testsuite') suites.pop();
        else if (name === 'testcase' && open) {
          addAttempt(cases, seen, testCase(open, context));
          open = undefined;
        } else if (result && name === result.element) {
          open?.results.push(result);
          result = undefined;
        }
      },
      text(text) {
        if (result && result.text.length < MAX_DETAILS) result.text += text;
      },
    });
    if (cases.length === 0) {
      throw new InputError(
        context.file,
        'the report has no <testcase> elements: no test ran, or the run stopped before any. Check the test step ' +
          'log; a suite that only counts tests (tests="…") is not read, as the counts may not match the testcases.',
      );
    }
    return cases;
  },
};

/** error > failure > skipped; else passed, with the flaky element (if any) that makes it a flaky pass. */
function decide(results: readonly Result[]): [Result | undefined, TestOutcome] {
  if (results.length === 0) return [undefined, 'passed'];
  const find = (element: string) => results.find((r) => r.element === element);
  const error = find('error');
  if (error) return [error, 'errored'];
  const failure = find('failure');
  if (failure) return [failure, 'failed'];
  const skipped = find('skipped');
  if (skipped) return [skipped, 'skipped'];
  return [results.find((r) => r.element.startsWith('flaky')), 'passed'];
}

function testCase(open: OpenCase, context: QualityReadContext): TestCase {
  const { attributes, results } = open;
  const [decisive, outcome] = decide(results);
  const flaky = outcome === 'passed' && decisive !== undefined;
  const classname = attributes['classname'] ?? attributes['class'];
  const details = decisive?.text.trim();
  const message = firstLine(decisive?.message) ?? firstLine(details);
  const seconds = Number((attributes['time'] ?? '').replaceAll(',', ''));
  const location = locate(open, classname, details, context);
  return {
    suite: open.suite,
    name: attributes['name'] ?? '',
    ...(classname !== undefined && classname !== '' && { classname }),
    ...location,
    outcome,
    flaky,
    ...(message !== undefined && { message }),
    ...(details && { details: details.length >= MAX_DETAILS ? `${details}…` : details }),
    ...(attributes['time'] !== undefined &&
      Number.isFinite(seconds) &&
      seconds >= 0 && { durationMs: Math.round(seconds * 1e6) / 1e3 }),
    source: context.file,
  };
}

/**
 * A retry plugin (Gradle test-retry, pytest-rerunfailures, …) writes each attempt as its own testcase: they are one
 * test, whose outcome is the last attempt's, and a flaky pass when that passed after an attempt that did not.
 */
function addAttempt(cases: TestCase[], seen: Map<string, number>, attempt: TestCase): void {
  const key = `${attempt.suite}\u0000${attempt.classname ?? ''}\u0000${attempt.name}`;
  const index = seen.get(key);
  if (index === undefined) {
    seen.set(key, cases.length);
    cases.push(attempt);
    return;
  }
  const earlier = cases[index]!;
  const failedBefore = earlier.flaky || earlier.outcome === 'failed' || earlier.outcome === 'errored';
  if (attempt.outcome === 'passed' && failedBefore) {
    cases[index] = {
      ...attempt,
      flaky: true,
      ...(attempt.message === undefined && earlier.message !== undefined && { message: earlier.message }),
      ...(attempt.details === undefined && earlier.details !== undefined && { details: earlier.details }),
    };
  } else cases[index] = attempt;
}

/**
 * Where the test is: the testcase's file and line attributes (pytest, PHPUnit), else its suite's file (or a suite
 * named by its file, as jest-junit does) with the line from the failure's stack trace, else a JVM stack frame of the
 * testcase's class ('at com.acme.AppTest.adds(AppTest.kt:27)'), whose file is looked for in the repository.
 */
function locate(
  open: OpenCase,
  classname: string | undefined,
  details: string | undefined,
  context: QualityReadContext,
): { file?: string; line?: number } {
  const { attributes } = open;
  const line = open.zeroBasedLine ? oneBased(attributes['line']) : positiveAttribute(attributes['line']);
  const rawFile = attributes['file'] ?? open.suiteFile;
  if (rawFile !== undefined && rawFile.trim() !== '') {
    const file = context.paths.map(rawFile);
    const traced = line ?? (details ? lineInTrace(details, file) : undefined);
    return { file, ...(traced !== undefined && { line: traced }) };
  }
  if (!details || !classname) return {};
  const frame = jvmFrame(details, classname);
  if (!frame) return {};
  const packagePath = classname.includes('.')
    ? `${classname.slice(0, classname.lastIndexOf('.')).replaceAll('.', '/')}/`
    : '';
  const found = context.paths.findEndingWith(`${packagePath}${frame.file}`, context.reportFolder);
  return typeof found === 'string' && found !== 'none' ? { file: found, line: frame.line } : {};
}

/** A 0-based line attribute as a 1-based line: '0' → 1; undefined when absent or not a whole number from 0. */
function oneBased(value: string | undefined): number | undefined {
  const zeroBased = value === undefined || value.trim() === '' ? Number.NaN : Number(value);
  return Number.isSafeInteger(zeroBased) && zeroBased >= 0 ? zeroBased + 1 : undefined;
}

/** The line of the first stack frame in `details` that names `file` (its whole repository path, any prefix before). */
function lineInTrace(details: string, file: string): number | undefined {
  if (isAbsolutePath(file)) return undefined;
  const text = slashed(details);
  for (let at = text.indexOf(`${file}:`); at >= 0; at = text.indexOf(`${file}:`, at + 1)) {
    const before = at === 0 ? ' ' : text[at - 1]!;
    if (!/[\s/(]/.test(before)) continue;
    const digits = /^\d+/.exec(text.slice(at + file.length + 1, at + file.length + 12));
    if (digits) return positiveAttribute(digits[0]);
  }
  return undefined;
}

/** The first JVM frame of the testcase's class: 'at <class>.<method>(<File>:<line>)' (or an inner class's). */
function jvmFrame(details: string, classname: string): { file: string; line: number } | undefined {
  let pattern = FRAME_PATTERNS.get(classname);
  if (!pattern) {
    const escaped = classname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    pattern = new RegExp(`\\bat ${escaped}(?:\\$[\\w$]+)?\\.[^(\\n]*\\(([\\w$.-]+):(\\d+)\\)`);
    if (FRAME_PATTERNS.size > 10_000) FRAME_PATTERNS.clear();
    FRAME_PATTERNS.set(classname, pattern);
  }
  const match = pattern.exec(details);
  const line = positiveAttribute(match?.[2]);
  return match && line !== undefined ? { file: match[1]!, line } : undefined;
}

/** One stack-frame pattern per test class: a report has thousands of testcases of a few hundred classes. */
const FRAME_PATTERNS = new Map<string, RegExp>();

/** A suite name that is a file path ('__tests__\\main.test.js'), as jest-junit and others name suites. */
function pathLike(name: string | undefined): string | undefined {
  return name !== undefined && /[\\/]/.test(name) && /\.[A-Za-z]{1,5}$/.test(name) && !/\s/.test(name)
    ? name
    : undefined;
}

/** The first non-empty line of a message, trimmed. */
function firstLine(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed !== '') return trimmed.length > 500 ? `${trimmed.slice(0, 499)}…` : trimmed;
  }
  return undefined;
}
