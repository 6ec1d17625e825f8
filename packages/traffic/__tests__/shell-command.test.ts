// The shell commands providers run: output and exit code as sh -c gives them, and a command that can never outlive
// its caller: cancelled, it is stopped with everything it started before the call returns; if the caller dies, even
// by SIGKILL, its watchdog kills it.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { CancelledError } from '../src/errors.js';
import { groupIsRunning } from '../src/process-group.js';
import { runShellCommand } from '../src/shell-command.js';
import { groupGone, pidWrittenTo } from '@actions-kit/testkit';

// Real processes, and zombies PID 1 may take a second or two to reap: more than Jest's default 5 s on a busy machine.
jest.setTimeout(30_000);

const here = path.dirname(fileURLToPath(import.meta.url));

let dir: string;
let pidFile: string;
const leftovers: number[] = [];
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'traffic-shell-'));
  pidFile = path.join(dir, 'pid');
});
afterEach(async () => {
  // A failing test must not leave its sleep behind.
  for (const pgid of leftovers.splice(0)) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // Gone, as it should be.
    }
  }
  await rm(dir, { recursive: true, force: true });
});

/** Starts `command` with a signal, aborts it once the command has written its pid, and returns both outcomes. */
async function cancelMidway(command: string, options: { cancelGraceMs?: number } = {}) {
  const controller = new AbortController();
  const running = runShellCommand(command, { cwd: dir, signal: controller.signal, ...options });
  const outcome = running.then(
    () => 'resolved',
    (error: unknown) => error,
  );
  const pgid = await pidWrittenTo(pidFile);
  leftovers.push(pgid);
  controller.abort('SIGINT');
  return { pgid, error: await outcome, runningRightAfter: groupIsRunning(pgid) };
}

describe('runShellCommand', () => {
  it('gives the output and exit code sh -c gives, with no arguments in $0 and $#', async () => {
    const result = await runShellCommand('echo "$0 $#"; echo oops >&2; exit 3', { cwd: dir });

    expect(result).toEqual({ exitCode: 3, signal: null, output: 'sh 0\noops\n', timedOut: false });
  });

  it('leaves a background process the command started on purpose running when the command ends', async () => {
    await runShellCommand(`sleep 30 >/dev/null 2>&1 & echo $! > ${pidFile}`, { cwd: dir });
    const daemon = await pidWrittenTo(pidFile);
    leftovers.push(daemon);

    // Time for the watchdog to act if it (wrongly) took the end of the command for the death of its caller.
    await delay(500);
    expect(() => process.kill(daemon, 0)).not.toThrow();
  });

  it('stops a cancelled command and everything it started before rejecting: the process group is gone', async () => {
    // `sleep 30; touch late`: the shell waits on sleep, so the group holds two processes.
    const { pgid, error, runningRightAfter } = await cancelMidway(`echo $$ > ${pidFile}; sleep 30; touch late`);

    expect(error).toBeInstanceOf(CancelledError);
    expect((error as CancelledError).message).toBe(
      `cancelled (SIGINT): stopped 'echo $$ > ${pidFile}; sleep 30; touch late' and everything it started (they ` +
        'ended on SIGTERM)',
    );
    expect(runningRightAfter).toBe(false);
    expect(await groupGone(pgid)).toBe('ESRCH');
    expect(existsSync(path.join(dir, 'late'))).toBe(false);
  });

  it('kills a cancelled command that ignores SIGTERM once the grace period is over', async () => {
    const { pgid, error, runningRightAfter } = await cancelMidway(`trap '' TERM; echo $$ > ${pidFile}; sleep 30`, {
      cancelGraceMs: 200,
    });

    expect((error as CancelledError).stopped).toMatch(/\(SIGKILL after 200 ms without ending on SIGTERM\)$/);
    expect(runningRightAfter).toBe(false);
    expect(await groupGone(pgid)).toBe('ESRCH');
  });

  it('does not start a command whose signal has already fired', async () => {
    const controller = new AbortController();
    controller.abort('SIGTERM');

    const run = runShellCommand('touch started', { cwd: dir, signal: controller.signal });

    await expect(run).rejects.toThrow("cancelled (SIGTERM): did not start 'touch started'");
    expect(existsSync(path.join(dir, 'started'))).toBe(false);
  });

  it('keeps the result of a command that ended before the cancellation', async () => {
    const controller = new AbortController();
    const result = await runShellCommand('echo done', { cwd: dir, signal: controller.signal });
    controller.abort('SIGINT');

    expect(result).toMatchObject({ exitCode: 0, output: 'done\n' });
  });

  it.each([
    ['still running', (pidFile: string) => `echo $$ > ${pidFile}; sleep 30; touch late`],
    [
      'ended, its background job holding the output',
      (pidFile: string) => `(sleep 30; touch late) & echo $$ > ${pidFile}`,
    ],
  ])('takes its command (%s) down with it when the calling process is killed with SIGKILL', async (_case, command) => {
    const caller = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(here, 'support/run-command.ts'), command(pidFile)],
      {
        cwd: path.resolve(here, '../../..'),
        stdio: 'ignore',
      },
    );
    const callerExited = new Promise((resolve) => caller.once('exit', resolve));
    try {
      const pgid = await pidWrittenTo(pidFile);
      leftovers.push(pgid);

      caller.kill('SIGKILL');
      await callerExited;

      expect(await groupGone(pgid)).toBe('ESRCH');
      expect(existsSync(path.join(dir, 'late'))).toBe(false);
    } finally {
      caller.kill('SIGKILL');
    }
  });
});
