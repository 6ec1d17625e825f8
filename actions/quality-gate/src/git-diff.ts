// The change a pull request shows: `git diff` from the merge base of diff-base and HEAD to HEAD, paths relative to
// the working directory. A ref the clone does not have is a clear error suggesting fetch-depth: 0.
import { spawn } from 'node:child_process';
import { ConfigurationError, quoteValue } from '@actions-kit/core';

const FETCH_HINT =
  'actions/checkout fetches one commit by default: set fetch-depth: 0 on it (or fetch the base branch before this step)';

/** The unified diff between the merge base of `ref` and HEAD, and HEAD; run in `cwd`, paths relative to it. */
export async function gitDiffSince(ref: string, cwd: string): Promise<string> {
  if (ref.startsWith('-')) {
    throw new ConfigurationError(`diff-base: ${quoteValue(ref)} is not a git ref; give a branch, tag or commit`);
  }
  const commit = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], cwd);
  if (commit.code !== 0) {
    if (/dubious ownership/i.test(commit.stderr)) {
      throw new ConfigurationError(
        `diff-base: git refuses to read ${cwd}, as another user owns it (e.g. a container job); run ` +
          '`git config --global --add safe.directory "$GITHUB_WORKSPACE"` before this step',
      );
    }
    if (commit.notARepository) {
      throw new ConfigurationError(
        `diff-base: ${cwd} is not inside a git repository; check out the repository first (actions/checkout)`,
      );
    }
    throw new ConfigurationError(
      `diff-base: ${quoteValue(ref)} is not a commit in this clone; ${FETCH_HINT}. On a pull request, use ` +
        'origin/${{ github.base_ref }}',
    );
  }
  const base = await git(['merge-base', commit.stdout.trim(), 'HEAD'], cwd);
  if (base.code !== 0) {
    throw new ConfigurationError(
      `diff-base: ${quoteValue(ref)} and HEAD have no common commit in this clone (it is shallow, or they share no ` +
        `history); ${FETCH_HINT}`,
    );
  }
  const diff = await git(
    [
      '-c',
      'core.quotePath=off',
      'diff',
      '--no-color',
      '--no-ext-diff',
      '--no-textconv',
      '--find-renames',
      '--unified=0',
      '--relative',
      '--src-prefix=a/',
      '--dst-prefix=b/',
      base.stdout.trim(),
      'HEAD',
    ],
    cwd,
  );
  if (diff.code !== 0) {
    throw new Error(`git diff failed (exit ${diff.code}): ${diff.stderr.trim().slice(0, 500)}`);
  }
  return diff.stdout;
}

interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
  notARepository: boolean;
}

function git(args: string[], cwd: string): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        reject(new ConfigurationError('diff-base: git is not installed on this runner; install it, or give diff-file'));
      } else reject(error);
    });
    child.on('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8');
      resolve({
        code: code ?? 1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr,
        notARepository: /not a git repository/i.test(stderr),
      });
    });
  });
}
