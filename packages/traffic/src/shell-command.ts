// Runs the user's commands (nginx -t, a reload, a custom switch) through the shell and keeps their output as data.
import { spawn } from 'node:child_process';

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
}

const OUTPUT_CAP = 64 * 1024;

export function runShellCommand(command: string, options: ShellCommandOptions = {}): Promise<ShellCommandResult> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', command], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a timeout kills what the shell started too (they hold the output pipes open).
      detached: true,
    });
    let output = '';
    let timedOut = false;
    const collect = (chunk: Buffer): void => {
      if (output.length < OUTPUT_CAP) output += chunk.toString('utf8').slice(0, OUTPUT_CAP - output.length);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, options.timeoutMs ?? 60_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ exitCode: null, signal: null, output: `${output}${error.message}`, timedOut });
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ exitCode, signal, output, timedOut });
    });
  });
}

/** "exit code 1", "killed after 60000 ms", for messages. */
export function describeExit(result: ShellCommandResult, timeoutMs: number): string {
  if (result.timedOut) return `did not finish within ${timeoutMs} ms and was killed`;
  if (result.signal) return `was killed by ${result.signal}`;
  return `exited with code ${result.exitCode}`;
}
