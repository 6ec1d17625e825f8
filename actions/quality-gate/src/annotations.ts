// Annotations on what needs attention: failed tests, lint errors on changed lines (all of them without a diff), and
// uncovered changed lines grouped into ranges. AnnotationBudget keeps them within GitHub's per-step limits.
import type { AnnotationBudget } from '@actions-kit/core';
import type { LintMessage, TestCase } from '@actions-kit/quality';
import { cut } from './format.js';
import type { GateFacts } from './metrics.js';

/**
 * Paths in the facts are relative to working-directory; GitHub places an annotation by its path from the repository
 * root, so `projectPrefix` (working-directory from the root) is put before them.
 */
export function annotate(facts: GateFacts, budget: AnnotationBudget, projectPrefix: string): void {
  const repoPath = (file: string): string => (projectPrefix === '' ? file : `${projectPrefix}/${file}`);
  for (const test of facts.data.tests?.cases ?? []) {
    if (test.outcome === 'failed' || test.outcome === 'errored') {
      budget.annotate('error', () => testAnnotation(test, repoPath));
    }
  }
  const lint = facts.diff ? facts.diff.newLint : (facts.data.lint?.messages ?? []);
  for (const message of lint) {
    if (message.severity === 'error') budget.annotate('error', () => lintAnnotation(message, repoPath));
  }
  for (const file of facts.diff?.coverage.files ?? []) {
    for (const range of file.uncovered) {
      const lines = range.end - range.start + 1;
      budget.annotate('warning', () => ({
        message:
          lines === 1
            ? 'This changed line is not covered by any test.'
            : `These ${lines} changed lines are not covered by any test.`,
        properties: {
          title: 'Not covered',
          file: repoPath(file.path),
          startLine: range.start,
          endLine: range.end,
        },
      }));
    }
  }
}

/** An annotation shows a few lines; the whole message is in the test report. */
const MESSAGE_CHARS = 1000;

function testAnnotation(test: TestCase, repoPath: (file: string) => string) {
  const name = test.suite ? `${test.suite} › ${test.name}` : test.name;
  return {
    message: `${name}${test.message ? `\n${cut(test.message, MESSAGE_CHARS)}` : ''}`,
    properties: {
      title: `Test ${test.outcome}`,
      ...(test.file !== undefined && { file: repoPath(test.file) }),
      ...(test.file !== undefined && test.line !== undefined && { startLine: test.line }),
    },
  };
}

function lintAnnotation(message: LintMessage, repoPath: (file: string) => string) {
  return {
    message: message.message,
    properties: {
      title: `${message.tool}${message.rule ? ` ${message.rule}` : ''}`,
      file: repoPath(message.path),
      ...(message.line !== undefined && { startLine: message.line }),
      ...(message.endLine !== undefined && { endLine: message.endLine }),
      ...(message.column !== undefined && message.endLine === undefined && { startColumn: message.column }),
    },
  };
}
