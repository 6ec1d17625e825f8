// The real actionlint (.ci/install-actionlint.sh) and shellcheck: the check finds what it exists to find. When either
// is missing this fails: a lint that cannot run must not look like a clean one.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CheckError } from '../src/check-error.js';
import { ACTIONLINT_BINARY, formatFindings, runActionlint } from '../src/workflow-lint.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));

const CLEAN = `name: ci
on: push
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-24.04
    steps:
      - run: echo ok
`;

// Untrusted input expanded inside a script, and an unquoted variable shellcheck warns about.
const FLAWED = `name: ci
on: pull_request
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ github.event.pull_request.title }}"
      - run: ls $HOME/*
`;

let root: string;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'actionlint-'));
  mkdirSync(path.join(root, '.cache/tools/bin'), { recursive: true });
  symlinkSync(path.join(repo, ACTIONLINT_BINARY), path.join(root, ACTIONLINT_BINARY));
  mkdirSync(path.join(root, '.github/workflows'), { recursive: true });
  writeFileSync(path.join(root, '.github/workflows/clean.yml'), CLEAN);
  writeFileSync(path.join(root, '.github/workflows/flawed.yml'), FLAWED);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('runActionlint with the pinned actionlint', () => {
  it('finds nothing in a clean workflow (current runner labels known)', () => {
    expect(runActionlint(root, ['.github/workflows/clean.yml'])).toEqual([]);
  });

  it('reports script injection and shellcheck findings with file:line:col', () => {
    const findings = formatFindings(runActionlint(root, ['.github/workflows/flawed.yml']));
    expect(findings).toEqual([
      expect.stringMatching(/^\.github\/workflows\/flawed\.yml:9:\d+: .*potentially untrusted.* \[expression\]$/),
      expect.stringMatching(
        /^\.github\/workflows\/flawed\.yml:10:\d+: shellcheck reported issue .*SC2086.* \[shellcheck\]$/,
      ),
    ]);
  });

  it('fails with the install command when the binary is missing', () => {
    expect(() => runActionlint(root, ['.github/workflows/clean.yml'], '.cache/tools/bin/nothing-here')).toThrow(
      CheckError,
    );
    expect(() => runActionlint(root, ['.github/workflows/clean.yml'], '.cache/tools/bin/nothing-here')).toThrow(
      ".cache/tools/bin/nothing-here is missing; install it with 'bash .ci/install-actionlint.sh' (needs Go)",
    );
  });
});
