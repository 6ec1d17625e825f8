// Everything the demo starts registers how to stop it here; the demo stops it all on its way out, on success,
// failure and Ctrl-C alike, last started first.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

export class Cleanup {
  private readonly stops: { what: string; stop: () => Promise<void> }[] = [];

  add(what: string, stop: () => Promise<void>): void {
    this.stops.push({ what, stop });
  }

  /** Stops everything registered; returns what could not be stopped, with why. */
  async run(): Promise<string[]> {
    const problems: string[] = [];
    for (const { what, stop } of this.stops.splice(0).reverse()) {
      try {
        await stop();
      } catch (error) {
        problems.push(`${what}: ${(error as Error).message}`);
      }
    }
    return problems;
  }
}

/**
 * Stops the sample-service instances deploy-local.js started (detached, so they outlive it) by their pid files, and
 * waits until they are gone: SIGTERM, then SIGKILL after 5 s.
 */
export async function stopInstances(hostsDir: string): Promise<void> {
  const files = (await readdir(hostsDir).catch(() => [])).filter((name) => name.endsWith('.pid'));
  const pids = await Promise.all(files.map(async (file) => Number(await readFile(path.join(hostsDir, file), 'utf8'))));
  const signal = (pid: number, name: NodeJS.Signals | 0): boolean => {
    try {
      process.kill(pid, name);
      return true;
    } catch {
      return false; // gone
    }
  };
  for (const pid of pids) signal(pid, 'SIGTERM');
  const deadline = performance.now() + 5_000;
  while (pids.some((pid) => signal(pid, 0)) && performance.now() < deadline) await delay(25);
  for (const pid of pids) signal(pid, 'SIGKILL');
}
