// The sample service as a repository's CI sees it: a checkout (a fresh copy, committed to its own git repository so
// the secret scanner reads history as in security.yml), its tests with coverage, and its lint, each writing the
// report the gates read into reports/.
import { execFile } from 'node:child_process';
import { mkdir, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { StepRecord } from './action-steps.js';

const run = promisify(execFile);

export const REPORTS = 'reports';

export interface CommandStep {
  outcome: StepRecord['outcome'];
  /** null when it did not start or was killed. */
  exitCode: number | null;
  durationMs: number;
  /** What the command printed (stdout, then stderr), trimmed. */
  output: string;
}

/** Runs a command to its end, never throwing for a non-zero exit: that is the step's failure, with its output. */
export async function runCommand(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<CommandStep> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  try {
    const result = await run(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      timeout: options.timeoutMs ?? 60_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const output = (result.stdout + result.stderr).trim();
    return { outcome: 'success', exitCode: 0, durationMs: elapsed(), output };
  } catch (error) {
    const failed = error as Error & { stdout?: string; stderr?: string; code?: number | string };
    const output = `${failed.stdout ?? ''}${failed.stderr ?? ''}`.trim() || failed.message;
    const exitCode = typeof failed.code === 'number' ? failed.code : null;
    return { outcome: 'failure', exitCode, durationMs: elapsed(), output };
  }
}

/**
 * A clean copy of examples/sample-service in `dir` (made by its variants.js, as the act tests make theirs), as a
 * git repository with one commit, and an empty reports/ folder git ignores.
 */
export async function checkOutService(root: string, dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  const copied = await runCommand(
    process.execPath,
    [path.join(root, 'examples/sample-service/variants.js'), 'clean', dir],
    {
      cwd: root,
    },
  );
  if (copied.outcome !== 'success') throw new Error(`copying the sample service failed: ${copied.output}`);
  const git = (...args: string[]) =>
    runCommand('git', ['-c', 'user.name=demo', '-c', 'user.email=demo@localhost', ...args], { cwd: dir });
  for (const args of [
    ['init', '-q', '-b', 'main'],
    ['add', '-A'],
    ['commit', '-q', '-m', 'sample service'],
  ]) {
    const step = await git(...args);
    if (step.outcome !== 'success') throw new Error(`git ${args.join(' ')} in ${dir} failed: ${step.output}`);
  }
  await mkdir(path.join(dir, REPORTS), { recursive: true });
  // The install step: the sample's devDependencies (ESLint, @eslint/js, globals) are the repository's own, at the
  // same pinned versions, so the checkout links them instead of downloading them again. Made after the commit, so
  // the scanners' view of the history is the sample alone.
  await symlink(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
}

/** node:test with coverage, as the sample's `npm test` runs it, writing JUnit XML and LCOV for the quality gate. */
export function runTests(serviceDir: string): Promise<CommandStep> {
  return runCommand(
    process.execPath,
    [
      '--test',
      '--experimental-test-coverage',
      '--test-reporter=junit',
      `--test-reporter-destination=${REPORTS}/junit.xml`,
      '--test-reporter=lcov',
      `--test-reporter-destination=${REPORTS}/lcov.info`,
    ],
    { cwd: serviceDir },
  );
}

/**
 * ESLint with the sample's own configuration, as JSON for the quality gate. Exit 1 (lint errors, in the
 * report) is for the gate to judge; only ESLint failing to run (exit 2) fails the step.
 */
export async function runLint(serviceDir: string): Promise<CommandStep> {
  const step = await runCommand(
    process.execPath,
    [
      path.join(serviceDir, 'node_modules/eslint/bin/eslint.js'),
      '--format',
      'json',
      '--output-file',
      `${REPORTS}/eslint.json`,
      '.',
    ],
    { cwd: serviceDir },
  );
  return step.exitCode === 1 ? { ...step, outcome: 'success' } : step;
}
