// Looks at real processes from a test: waiting for a command to say its pid, and for its process group to be gone.
import { readFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';

/** The pid a command wrote to `file` (`echo $$ > file`), once it has. */
export async function pidWrittenTo(file: string, timeoutMs = 20_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await readFile(file, 'utf8').catch(() => '');
    if (/^\d+\n$/.test(text)) return Number(text);
    if (Date.now() > deadline) throw new Error(`no pid in ${file} after ${timeoutMs} ms`);
    await delay(20);
  }
}

/**
 * The error code of process.kill(-pgid, 0) once it throws: ESRCH when no process of the group is left. Polled,
 * because the group's dead processes stay zombies until PID 1 reaps them, which some containers do only every second
 * or two; a group that still runs after `timeoutMs` is returned as 'still there'.
 */
export async function groupGone(pgid: number, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      process.kill(-pgid, 0);
    } catch (error) {
      return String((error as NodeJS.ErrnoException).code);
    }
    if (Date.now() > deadline) return 'still there';
    await delay(50);
  }
}
