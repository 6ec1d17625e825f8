// Runs the user's commands (nginx -t, a reload, a custom switch) through the shell, keeps their output as data, and
// stops each one with everything it started when it times out, when it is cancelled, or when this process dies.
import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { humanDuration } from '@actions-kit/core';
import { CancelledError, cancellationReason } from './errors.js';
import { endProcessGroup } from './process-group.js';
import type { DurationInput } from './provider-descriptor.js';

export interface ShellCommandResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** stdout and stderr interleaved as they came, capped: untrusted text. */
  output: string;
  timedOut: boolean;
}

export interface ShellCommandOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs?: number;
  /**
   * Cancels the command: its whole process group gets SIGTERM, then SIGKILL after `cancelGraceMs`, and the promise
   * rejects with a CancelledError once nothing in the group runs any more.
   */
  signal?: AbortSignal;
  /** How long a cancelled command has to end on SIGTERM. Default 2 s, well inside the runner's 7.5 s. */
  cancelGraceMs?: number;
}

const OUTPUT_CAP = 64 * 1024;

/** The command-timeout input of every provider that runs the user's shell commands (nginx's test and reload, command's). */
export const COMMAND_TIMEOUT_INPUT: DurationInput = {
  name: 'command-timeout',
  kind: 'duration',
  default: '60s',
  min: '1s',
  max: '1h',
  hint: 'how long each shell command may run before it is killed (e.g. 30s or 2m)',
};

const DEFAULT_CANCEL_GRACE_MS = 2_000;

/**
 * `sh -c <command>` in a process group of its own (so a kill reaches what the shell started: those hold the output
 * pipes open), beside a watchdog: a subshell reading fd 3, a socket whose other end only this process holds. This
 * process writes a line there when the command has ended; if this process dies first, even by SIGKILL, the kernel
 * closes its end, the read fails and the watchdog kills the group, so a command never outlives the step that
 * started it (the runner's SIGKILL reaches only the node process). The watchdog dies with the group on SIGTERM.
 */
const WATCHED_COMMAND = [
  '( read -r line <&3 || kill -s KILL 0 ) </dev/null >/dev/null 2>&1 &',
  'exec 3<&-',
  'exec /bin/sh -c "$1" sh',
].join('\n');

export function runShellCommand(command: string, options: ShellCommandOptions = {}): Promise<ShellCommandResult> {
  const { signal } = options;
  if (signal?.aborted) {
    return Promise.reject(new CancelledError(cancellationReason(signal), `did not start '${command}'`));
  }
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', WATCHED_COMMAND, 'sh', command], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      detached: true,
    });
    // stdio 'pipe' makes each of these a stream; fd 3 is a socket.
    const stdout = child.stdout as Readable;
    const stderr = child.stderr as Readable;
    const watchdog = child.stdio[3] as Socket | null;
    // Writing to a watchdog already killed with its group fails with EPIPE: nothing to do then.
    watchdog?.on('error', () => undefined);
    let output = '';
    let timedOut = false;
    let cancelling = false;
    let settled = false;
    const collect = (chunk: Buffer): void => {
      if (output.length < OUTPUT_CAP) output += chunk.toString('utf8').slice(0, OUTPUT_CAP - output.length);
    };
    stdout.on('data', collect);
    stderr.on('data', collect);

    const settle = (done: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      done();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, options.timeoutMs ?? 60_000);
    // Ended: the shell has exited and nothing it left behind holds its output open any more.
    const ends = { exit: false, stdout: false, stderr: false };
    const ended = (): boolean => ends.exit && ends.stdout && ends.stderr;
    const onEnd = (what: keyof typeof ends) => (): void => {
      ends[what] = true;
      // The watchdog stands down only now, so it still covers a background process that kept the output open.
      if (ended()) watchdog?.end('\n');
    };
    const onAbort = (): void => {
      const pgid = child.pid;
      // Never started (the 'error' event settles), or already ended: its own result stands.
      if (pgid === undefined || ended()) return;
      clearTimeout(timer);
      const reason = cancellationReason(signal!);
      // From here the command's own end (killed by what follows) is not its result: the cancellation is.
      cancelling = true;
      void endProcessGroup(pgid, options.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS).then(({ endedBy, stopped }) => {
        // A process that left the group (a daemon calling setsid) may still hold the pipes: stop reading them.
        stdout.destroy();
        stderr.destroy();
        watchdog?.destroy();
        const how =
          endedBy === 'SIGTERM'
            ? 'they ended on SIGTERM'
            : `SIGKILL after ${humanDuration(options.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS)} without ending on SIGTERM`;
        const stoppedWhat = stopped
          ? `stopped '${command}' and everything it started (${how})`
          : `could not stop '${command}': process group ${pgid} still runs after SIGKILL; kill it by hand`;
        settle(() => reject(new CancelledError(reason, stoppedWhat, output)));
      });
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    child.on('exit', onEnd('exit'));
    stdout.on('end', onEnd('stdout'));
    stderr.on('end', onEnd('stderr'));
    child.on('error', (error) => {
      watchdog?.destroy();
      settle(() => resolve({ exitCode: null, signal: null, output: `${output}${error.message}`, timedOut }));
    });
    child.on('close', (exitCode, exitSignal) => {
      if (!cancelling) settle(() => resolve({ exitCode, signal: exitSignal, output, timedOut }));
    });
  });
}

/** "exited with code 1", "did not finish within 1 min 00 s and was killed", for messages. */
export function describeExit(result: ShellCommandResult, timeoutMs: number): string {
  if (result.timedOut) return `did not finish within ${humanDuration(timeoutMs)} and was killed`;
  if (result.signal) return `was killed by ${result.signal}`;
  return `exited with code ${result.exitCode}`;
}
