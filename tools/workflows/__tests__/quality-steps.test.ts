// quality.yml's own bash, taken from the workflow and run here with the environment GitHub would give it: the plan
// step (inputs refused by name, the diff base chosen, the artifact's paths from the workspace) and the recap (the
// stage's verdict from every step's outcome, never a pass when a command failed or the gate did not judge).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { root } from './support/act.js';

interface Step {
  id?: string;
  run?: string;
}
const workflow = parse(readFileSync(path.join(root, '.github/workflows/quality.yml'), 'utf8')) as {
  jobs: { quality: { steps: Step[] } };
};
const script = (id: string): string => workflow.jobs.quality.steps.find((step) => step.id === id)!.run!;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'quality-steps-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs step `id` in `dir` with `env`; its outputs parsed from GITHUB_OUTPUT (name=value and name<<END blocks). */
function runStep(id: string, env: Record<string, string>) {
  const files = { GITHUB_OUTPUT: path.join(dir, 'output'), GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md') };
  for (const file of Object.values(files)) writeFileSync(file, '');
  const result = spawnSync('bash', ['-e', '-c', script(id)], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'], RUNNER_TEMP: dir, ...files, ...env },
  });
  const outputs: Record<string, string> = {};
  const lines = readFileSync(files.GITHUB_OUTPUT, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const block = /^([\w-]+)<<(\w+)$/.exec(lines[i]!);
    if (block) {
      const end = lines.indexOf(block[2]!, i + 1);
      outputs[block[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i]!.includes('=')) {
      outputs[lines[i]!.slice(0, lines[i]!.indexOf('='))] = lines[i]!.slice(lines[i]!.indexOf('=') + 1);
    }
  }
  return {
    status: result.status,
    stdout: result.stdout,
    outputs,
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
  };
}

describe('quality.yml plan', () => {
  const inputs = {
    NODE_VERSION: '',
    PYTHON_VERSION: '',
    CACHE: '',
    WORKING_DIRECTORY: '.',
    DIFF_BASE: '',
    PULL_REQUEST_BASE_SHA: '',
    COVERAGE: '',
    TESTS: '',
    LINT: '',
    RESULT_FILE: 'quality-gate.json',
  };

  it('refuses a cache it does not set up, or one without its language, naming the input, the value and the fix', () => {
    expect(runStep('plan', { ...inputs, CACHE: 'maven' })).toMatchObject({
      status: 1,
      stdout: expect.stringContaining(
        "::error::quality.yml: cache: 'maven' is not a cache this workflow sets up: use npm, yarn, pnpm, pip, pipenv or poetry, or leave it empty",
      ),
    });
    expect(runStep('plan', { ...inputs, CACHE: 'npm' }).stdout).toContain(
      "cache: 'npm' is a Node cache: set node-version too",
    );
    expect(runStep('plan', { ...inputs, CACHE: 'pip', NODE_VERSION: '24' }).stdout).toContain(
      "cache: 'pip' is a Python cache: set python-version too",
    );
    expect(runStep('plan', { ...inputs, CACHE: 'pnpm', NODE_VERSION: '24' }).status).toBe(0);
  });

  it('refuses a working directory that is not there', () => {
    expect(runStep('plan', { ...inputs, WORKING_DIRECTORY: 'services/api' })).toMatchObject({
      status: 1,
      stdout: expect.stringContaining("working-directory: 'services/api' is not a folder of the repository"),
    });
  });

  it("takes diff-base when given, else a pull request's base commit, else none", () => {
    const sha = 'a'.repeat(40);
    expect(runStep('plan', { ...inputs, PULL_REQUEST_BASE_SHA: sha }).outputs['diff-base']).toBe(sha);
    expect(
      runStep('plan', { ...inputs, PULL_REQUEST_BASE_SHA: sha, DIFF_BASE: 'origin/main' }).outputs['diff-base'],
    ).toBe('origin/main');
    expect(runStep('plan', inputs).outputs['diff-base']).toBe('');
  });

  it("lists the reports for the artifact from the workspace: the working directory before each glob, '!' kept", () => {
    mkdirSync(path.join(dir, 'services/api'), { recursive: true });
    const plan = runStep('plan', {
      ...inputs,
      WORKING_DIRECTORY: 'services/api',
      COVERAGE: 'coverage.xml\n  !coverage/old.xml  \n',
      TESTS: '/tmp/junit/*.xml',
      LINT: 'ruff.sarif',
    });
    expect(plan.outputs['report-paths']).toBe(
      [
        'services/api/coverage.xml',
        '!services/api/coverage/old.xml',
        '/tmp/junit/*.xml',
        'services/api/ruff.sarif',
        'services/api/quality-gate.json',
      ].join('\n'),
    );
  });
});

describe('quality.yml recap', () => {
  // GitHub sets every env entry, empty when its expression is (an exit code of a step that did not fail).
  const allPassed = {
    INSTALL_EXIT: '',
    LINT_EXIT: '',
    TYPECHECK_EXIT: '',
    TEST_EXIT: '',
    PLANNED: 'success',
    INSTALL: 'success',
    LINT: 'success',
    TYPECHECK: 'success',
    TEST: 'success',
    GATE: 'success',
    GATE_PASSED: 'true',
    HAS_INSTALL: 'true',
    HAS_LINT: 'true',
    HAS_TYPECHECK: 'true',
    HAS_TEST: 'true',
  };
  // Every step after the one that failed: skipped by its `if`.
  const skippedFromInstall = {
    INSTALL: 'skipped',
    LINT: 'skipped',
    TYPECHECK: 'skipped',
    TEST: 'skipped',
    GATE: 'skipped',
    GATE_PASSED: '',
  };

  it('passes only when every command given succeeded and the gate passed', () => {
    const recap = runStep('recap', { ...allPassed, HAS_TYPECHECK: 'false', TYPECHECK: 'skipped' });
    expect(recap.outputs).toEqual({ passed: 'true', 'failed-commands': '' });
    expect(recap.summary).toContain(
      '### Quality: ✅ passed\n\nEvery command given succeeded and the quality gate passed.\n',
    );
    expect(recap.summary).toContain('| typecheck | not run: no typecheck-command |');
  });

  it('fails when a command failed though the gate passed, naming the commands and their exit codes', () => {
    const recap = runStep('recap', {
      ...allPassed,
      TYPECHECK: 'failure',
      TYPECHECK_EXIT: '2',
      TEST: 'failure',
      TEST_EXIT: '1',
    });
    expect(recap.outputs).toEqual({ passed: 'false', 'failed-commands': 'typecheck test' });
    expect(recap.summary).toContain('### Quality: ❌ failed\n\nThe typecheck and test commands failed.\n');
    expect(recap.summary).toContain('| typecheck | ❌ failed (exit 2) |');
    expect(recap.summary).toContain('| quality gate | ✅ passed |');
  });

  it('fails when the gate failed, or stopped with an error, though every command succeeded', () => {
    expect(runStep('recap', { ...allPassed, GATE: 'failure', GATE_PASSED: 'false' }).summary).toContain(
      'The quality gate failed (its conditions above).',
    );
    const error = runStep('recap', { ...allPassed, GATE: 'failure', GATE_PASSED: '' });
    expect(error.outputs['passed']).toBe('false');
    expect(error.summary).toContain('The quality gate stopped with an error (above).');
  });

  it('fails when the install failed, the gate not run', () => {
    const recap = runStep('recap', { ...allPassed, ...skippedFromInstall, INSTALL: 'failure', INSTALL_EXIT: '127' });
    expect(recap.outputs).toEqual({ passed: 'false', 'failed-commands': 'install' });
    expect(recap.summary).toContain('### Quality: ❌ failed\n\nThe install command failed.\n');
    expect(recap.summary).toContain('| install | ❌ failed (exit 127) |');
    expect(recap.summary).toContain('| lint | not run: an earlier step failed |');
    expect(recap.summary).toContain('| quality gate | not run |');
  });

  it('fails when the inputs were refused', () => {
    const recap = runStep('recap', { ...allPassed, ...skippedFromInstall, PLANNED: 'failure' });
    expect(recap.outputs).toEqual({ passed: 'false', 'failed-commands': '' });
    expect(recap.summary).toContain('The inputs were refused (above), so nothing ran.');
  });

  it('fails when Node or Python could not be set up', () => {
    const recap = runStep('recap', { ...allPassed, ...skippedFromInstall });
    expect(recap.outputs).toEqual({ passed: 'false', 'failed-commands': '' });
    expect(recap.summary).toContain('Node or Python could not be set up (above), so nothing ran.');
  });
});
