// Ending a command's process group on cancellation, and telling when nothing in it can run any more: a cancelled
// switch reports the command stopped only once it can no longer change the proxy.
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { errorCode } from './errors.js';

export interface GroupEnding {
  /** The last signal the group needed: SIGTERM, or SIGKILL when something outlived the grace period. */
  endedBy: 'SIGTERM' | 'SIGKILL';
  /** False only when a process still ran after SIGKILL (stuck in the kernel, e.g. on a dead NFS mount). */
  stopped: boolean;
}

const POLL_MS = 20;
/** SIGKILL cannot be caught; this only covers a process stuck in uninterruptible sleep. */
const AFTER_SIGKILL_MS = 2_000;

/** SIGTERM to every process of the group, SIGKILL to what is left after `graceMs`; resolves once none runs. */
export async function endProcessGroup(pgid: number, graceMs: number): Promise<GroupEnding> {
  signalGroup(pgid, 'SIGTERM');
  if (await waitUntilStopped(pgid, graceMs)) return { endedBy: 'SIGTERM', stopped: true };
  signalGroup(pgid, 'SIGKILL');
  return { endedBy: 'SIGKILL', stopped: await waitUntilStopped(pgid, AFTER_SIGKILL_MS) };
}

/**
 * Whether a process of the group can still run. A dead process stays in its group as a zombie until its parent
 * reaps it; a command's children are reaped by PID 1, which some containers do only every second or two. Zombies
 * cannot run, so on Linux /proc tells them apart; elsewhere the group counts as running until it is gone.
 */
export function groupIsRunning(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    return errorCode(error) === 'EPERM'; // ESRCH: no process left in the group
  }
  return runningMembersInProc(pgid) ?? true;
}

async function waitUntilStopped(pgid: number, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  for (;;) {
    if (!groupIsRunning(pgid)) return true;
    if (performance.now() >= deadline) return false;
    await delay(POLL_MS);
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The group is already gone.
  }
}

/** True when /proc lists a member of the group that is not a zombie; undefined without a Linux /proc. */
function runningMembersInProc(pgid: number): boolean | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited since the listing
    }
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so fields count from the last ')'.
    const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(group) === pgid && state !== 'Z' && state !== 'X') return true;
  }
  return false;
}
