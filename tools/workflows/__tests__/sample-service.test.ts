// The sample service the workflows deploy: its own tests pass under node:test, and the variants plant what the
// pipeline's gates must catch. ESLint is the repository's; the secret variant is caught by Gitleaks in the act tier.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { root } from './support/act.js';

const SAMPLE = path.join(root, 'examples/sample-service');
const temp: string[] = [];
afterEach(() => temp.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function variant(name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `sample-${name}-`));
  temp.push(dir);
  const folder = path.join(dir, 'service');
  const result = spawnSync(process.execPath, [path.join(SAMPLE, 'variants.js'), name, folder], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  return folder;
}

/** ESLint from the repository, with the sample's own configuration, over a copy. */
function lint(folder: string): { status: number | null; stdout: string } {
  const eslint = path.join(root, 'node_modules/eslint/bin/eslint.js');
  const config = path.join(SAMPLE, 'eslint.config.js');
  return spawnSync(process.execPath, [eslint, '--config', config, '.'], { cwd: folder, encoding: 'utf8' });
}

describe('examples/sample-service', () => {
  it('passes its own tests and writes their coverage as LCOV and their results as JUnit XML', () => {
    const folder = variant('clean');
    const result = spawnSync(process.execPath, ['--run', 'test'], { cwd: folder, encoding: 'utf8' });
    const fallback = result.status === 9 || /bad option/.test(result.stderr);
    // Node 20 has no --run: the same script through npm.
    const run = fallback ? spawnSync('npm', ['test', '--silent'], { cwd: folder, encoding: 'utf8' }) : result;
    expect({
      status: run.status,
      failures: /# fail (\d+)|ℹ fail (\d+)/.exec(run.stdout)?.slice(1).find(Boolean),
    }).toEqual({
      status: 0,
      failures: '0',
    });
    expect(readFileSync(path.join(folder, 'coverage/lcov.info'), 'utf8')).toMatch(/^SF:src\/app\.js$/m);
    expect(readFileSync(path.join(folder, 'reports/junit.xml'), 'utf8')).toMatch(
      /<testsuite name="sample service"[^>]* tests="7" failures="0" skipped="0"/,
    );
    expect(run.stderr).toBe(''); // no warning from running three reporters at once
  });

  it('lints clean as it is', () => {
    expect(lint(variant('clean'))).toMatchObject({ status: 0, stdout: '' });
  });

  it('lint-error: ESLint fails on the planted unused variable', () => {
    const result = lint(variant('lint-error'));
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      /src\/app\.js\n\s+\d+:\d+\s+error\s+'leftoverDebugFlag' is assigned a value but never used\s+no-unused-vars/,
    );
  });

  it('uncovered-code: plants a function that lints clean and that no test calls', () => {
    const folder = variant('uncovered-code');
    expect(lint(folder)).toMatchObject({ status: 0, stdout: '' });
    const text = readFileSync(path.join(folder, 'src/app.js'), 'utf8');
    expect(text).toContain('export function describeLoad(requests, seconds) {');
    const tests = readFileSync(path.join(folder, 'test/app.test.js'), 'utf8');
    expect(tests).not.toContain('describeLoad');
  });

  it('fake-secret: plants a string shaped like an AWS access key ID, which no file of the repository holds', () => {
    const text = readFileSync(path.join(variant('fake-secret'), 'src/cloud.js'), 'utf8');
    const key = /'(AKIA[A-Z2-7]{16})'/.exec(text)?.[1];
    expect(key).toBeDefined();
    const found = spawnSync('git', ['grep', '--quiet', '--fixed-strings', key!], { cwd: root });
    expect(found.status).toBe(1); // git grep: 1 is "not found"
  });

  it('refuses an unknown variant and a folder that is not empty, naming them', () => {
    const folder = variant('clean');
    const unknown = spawnSync(process.execPath, [path.join(SAMPLE, 'variants.js'), 'typo', `${folder}-x`], {
      encoding: 'utf8',
    });
    expect(unknown).toMatchObject({
      status: 2,
      stderr: expect.stringContaining(
        "variant 'typo' is unknown: use one of clean, lint-error, uncovered-code, fake-secret, exits-at-start",
      ),
    });
    const full = spawnSync(process.execPath, [path.join(SAMPLE, 'variants.js'), 'clean', folder], { encoding: 'utf8' });
    expect(full).toMatchObject({ status: 2, stderr: expect.stringContaining(`folder '${folder}' is not empty`) });
  });
});
