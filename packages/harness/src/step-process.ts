// Starts one step's node process as the runner does and ends it as the runner does on cancellation: SIGINT, then
// SIGTERM, then SIGKILL to the whole process tree (actions/runner src/Runner.Sdk/ProcessInvoker.cs).
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export interface SignalSent {
  signal: NodeJS.Signals;
  /** Milliseconds since the process started. */
  atMs: number;
}

/** ProcessInvoker's _sigintTimeout and _sigtermTimeout: how long the runner waits after each signal. */
export const RUNNER_CANCELLATION_DELAYS: CancellationDelays = { sigintToSigtermMs: 7500, sigtermToSigkillMs: 2500 };

export interface CancellationDelays {
  sigintToSigtermMs: number;
  sigtermToSigkillMs: number;
}

/** After the process exits, ProcessInvoker waits this long for its output streams to close, then kills the tree. */
const STREAM_CLOSE_GRACE_MS = 5000;

export interface StepProcessOptions {
  nodePath: string;
  entry: string;
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  cancelAfterMs: number | undefined;
  /** Delivers the same cancellation as cancelAfterMs when aborted (e.g. on the caller's Ctrl-C). */
  cancelSignal?: AbortSignal;
  cancellationDelays: CancellationDelays;
}

export interface StepProcessResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  durationMs: number;
  stdout: string;
  stderr: string;
  signalsSent: SignalSent[];
  /** The harness' timeout ended the process (SIGKILL to its tree). */
  timedOut: boolean;
  /** Cancellation was delivered: the process was still running when cancelAfterMs came. */
  cancelled: boolean;
}

export function runStepProcess(options: StepProcessOptions): Promise<StepProcessResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    // Its own process group, so SIGKILL reaches anything the action started, as the runner's tree kill does.
    const child = spawn(options.nodePath, [options.entry], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    // The runner closes stdin at once so nothing waits for input; a process that exits first makes that fail.
    child.stdin.on('error', () => undefined);
    child.stdin.end();

    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));

    const signalsSent: SignalSent[] = [];
    const timers: NodeJS.Timeout[] = [];
    const later = (ms: number, action: () => void): void => {
      timers.push(setTimeout(action, ms));
    };
    let exit: { code: number | null; signal: NodeJS.Signals | null; durationMs: number } | undefined;
    let timedOut = false;
    let cancelled = false;
    let settled = false;

    const send = (signal: NodeJS.Signals, wholeTree: boolean): void => {
      if (exit || child.pid === undefined) return;
      try {
        process.kill(wholeTree ? -child.pid : child.pid, signal);
        signalsSent.push({ signal, atMs: elapsed() });
      } catch {
        // The process ended between the check and the signal: nothing left to signal.
      }
    };

    const finish = (): void => {
      if (settled || !exit) return;
      settled = true;
      timers.forEach(clearTimeout);
      options.cancelSignal?.removeEventListener('abort', cancel);
      resolve({
        exitCode: exit.code,
        signal: exit.signal,
        durationMs: exit.durationMs,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        signalsSent,
        timedOut,
        cancelled,
      });
    };

    const cancel = (): void => {
      if (exit || cancelled) return;
      const { sigintToSigtermMs, sigtermToSigkillMs } = options.cancellationDelays;
      cancelled = true;
      send('SIGINT', false);
      later(sigintToSigtermMs, () => {
        send('SIGTERM', false);
        later(sigtermToSigkillMs, () => send('SIGKILL', true));
      });
    };
    if (options.cancelAfterMs !== undefined) later(options.cancelAfterMs, cancel);
    if (options.cancelSignal?.aborted) later(0, cancel);
    options.cancelSignal?.addEventListener('abort', cancel, { once: true });
    later(options.timeoutMs, () => {
      if (exit) return;
      timedOut = true;
      send('SIGKILL', true);
    });

    child.on('error', (error) => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      reject(new Error(`could not start ${options.nodePath} ${options.entry}: ${error.message}`));
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal, durationMs: elapsed() };
      timers.forEach(clearTimeout);
      // Something the action started may still hold its output open; the runner gives it 5 s, then kills it.
      const grace = setTimeout(() => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
        child.stdout.destroy();
        child.stderr.destroy();
        finish();
      }, STREAM_CLOSE_GRACE_MS);
      timers.push(grace);
    });
    child.on('close', (code, signal) => {
      exit ??= { code, signal, durationMs: elapsed() };
      finish();
    });
  });
}
