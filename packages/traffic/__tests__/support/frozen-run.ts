// Starts switch-and-freeze.ts as a child process and waits until it is frozen mid-switch.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Target } from '../../src/color.js';
import type { ProviderSetup } from '../../src/providers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repositoryRoot = path.resolve(here, '../../../..');

export interface FrozenRun {
  pid: number;
  /** SIGKILL, as a runner losing its machine or a `kill -9` would, and wait for the exit. */
  kill(): Promise<void>;
}

export async function startFrozenRun(args: {
  setup: ProviderSetup;
  target: Target;
  freezeAt: string;
}): Promise<FrozenRun> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'switch-and-freeze.ts'), JSON.stringify(args)],
    {
      cwd: repositoryRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the frozen run never froze: ${output}`)), 20_000);
    const collect = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('FROZEN')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`the frozen run ended before freezing: ${output}`));
    });
  });
  return {
    pid: child.pid ?? 0,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
