import { describe, expect, it } from '@jest/globals';
import { AnnotationBudget, type Annotation } from '@actions-kit/core';
import { annotate } from '../src/annotations.js';
import { gatherFacts } from '../src/gate.js';
import { parseUnifiedDiff } from '../src/unified-diff.js';
import { coverageOf, lintMessage, lintOf, testCase, testsOf } from './support/quality-data.js';

function annotations(withDiff: boolean, prefix = ''): Annotation[] {
  const printed: Annotation[] = [];
  const facts = gatherFacts({
    data: {
      coverage: coverageOf({ 'src/a.ts': { lines: { 1: 0, 2: 0, 3: 1, 5: 0 } } }),
      tests: testsOf([
        testCase('long', 'failed', { message: 'x'.repeat(1500), file: 'src/a.test.ts', line: 7 }),
        testCase('fine', 'passed'),
      ]),
      lint: lintOf([
        lintMessage('src/a.ts', 2, 'error', 'eqeqeq'),
        lintMessage('src/a.ts', 9, 'error', 'eqeqeq'),
        lintMessage('src/a.ts', 1, 'warning', 'no-console'),
      ]),
    },
    ...(withDiff && {
      diff: parseUnifiedDiff(
        '--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1,5 +1,5 @@\n-1\n-2\n-3\n-4\n-5\n+1\n+2\n+3\n+4\n+5\n',
      ),
    }),
    baseline: { kind: 'none' },
    conditions: [],
    minNewLines: 0,
  });
  annotate(facts, new AnnotationBudget({}, (annotation) => printed.push(annotation)), prefix);
  return printed;
}

describe('annotate', () => {
  it('marks failed tests, lint errors on changed lines and uncovered changed ranges, from the repository root', () => {
    const printed = annotations(true, 'packages/app');
    expect(
      printed.map((a) => [
        a.level,
        a.properties.title,
        a.properties.file,
        a.properties.startLine,
        a.properties.endLine,
      ]),
    ).toEqual([
      ['error', 'Test failed', 'packages/app/src/a.test.ts', 7, undefined],
      ['error', 'ESLint eqeqeq', 'packages/app/src/a.ts', 2, undefined],
      ['warning', 'Not covered', 'packages/app/src/a.ts', 1, 2],
      ['warning', 'Not covered', 'packages/app/src/a.ts', 5, 5],
    ]);
    expect(printed[0]?.message).toBe(`suite › long\n${'x'.repeat(1000)}…`);
    expect(printed[3]?.message).toBe('This changed line is not covered by any test.');
  });

  it('marks every lint error, and no coverage, without a diff', () => {
    const printed = annotations(false);
    expect(printed.map((a) => [a.properties.title, a.properties.startLine])).toEqual([
      ['Test failed', 7],
      ['ESLint eqeqeq', 2],
      ['ESLint eqeqeq', 9],
    ]);
  });
});
