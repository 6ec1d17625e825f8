// One lock file per switched target, so two runs never interleave their changes; a lock left behind by a killed run
// is recognised (its process is gone, or it is too old) and taken over with a warning.
import { createHash, randomBytes } from 'node:crypto';
import { link, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Clock } from '@actions-kit/clock';
import { humanDuration } from '@actions-kit/core';
import { removeTempFile } from './atomic-file.js';
import { TrafficError, errorCode, throwIfCancelled } from './errors.js';
import type { SwitchLogger } from './provider.js';

export interface LockHolder {
  pid: number;
  hostname: string;
  /** Wall-clock ISO time the lock was taken. */
  startedAt: string;
  /** Tells this holding apart from a later one by the same pid. */
  nonce: string;
  /** What the holder was doing: "switch to green". */
  purpose: string;
}

export interface LockOptions {
  purpose: string;
  /** How long to wait for a live holder before failing. */
  waitMs: number;
  /** A lock older than this is stale even if its pid looks alive (pids are reused; other hosts cannot be checked). */
  staleMs: number;
  clock: Clock;
  logger: SwitchLogger;
  pollMs?: number;
  /** Stops the wait for another run's lock with a CancelledError. */
  signal?: AbortSignal;
}

export interface HeldLock {
  file: string;
  holder: LockHolder;
  /** The holder whose stale lock was taken over: a run that was killed mid-switch. */
  recoveredFrom?: LockHolder;
  release(): Promise<void>;
}

/** A lock file in the temp folder for targets that have no folder of their own (a socket over TCP, an admin API). */
export function lockFileFor(kind: string, identity: string): string {
  const digest = createHash('sha256').update(identity).digest('hex').slice(0, 16);
  return path.join(os.tmpdir(), `actions-kit-traffic-${kind}-${digest}.lock`);
}

export function describeHolder(holder: LockHolder): string {
  return `pid ${holder.pid} on ${holder.hostname} since ${holder.startedAt} (${holder.purpose})`;
}

export async function acquireLock(file: string, options: LockOptions): Promise<HeldLock> {
  const { clock, logger } = options;
  const mine: LockHolder = {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
    nonce: randomBytes(8).toString('hex'),
    purpose: options.purpose,
  };
  const deadline = clock.now() + options.waitMs;
  let recoveredFrom: LockHolder | undefined;
  let announcedWait = false;
  for (;;) {
    if (await tryCreate(file, mine)) {
      return { file, holder: mine, recoveredFrom, release: () => release(file, mine, logger) };
    }
    const holder = await readHolder(file);
    if (!holder) continue; // released between our attempt and the read
    const staleBecause = staleReason(holder, options.staleMs);
    if (staleBecause) {
      if (await takeOver(file, holder, options.staleMs)) {
        logger.warning(
          `lock ${file}: recovered a stale lock (${staleBecause}) held by ${describeHolder(holder)}; ` +
            'that run was interrupted, so the switch re-applies its changes',
        );
        recoveredFrom = holder;
      } else {
        await clock.sleep(options.pollMs ?? 50);
      }
      continue;
    }
    throwIfCancelled(options.signal, `stopped waiting for lock ${file}, held by ${describeHolder(holder)}`);
    const remaining = deadline - clock.now();
    if (remaining <= 0) {
      throw new TrafficError(
        `lock ${file} is held by ${describeHolder(holder)}; waited ${humanDuration(options.waitMs)}. Another run is switching ` +
          `the same target: let it finish and re-run, or, if no run is in progress, delete ${file}`,
      );
    }
    if (!announcedWait) {
      logger.info(`lock ${file} is held by ${describeHolder(holder)}; waiting up to ${humanDuration(options.waitMs)}`);
      announcedWait = true;
    }
    await clock.sleep(Math.min(options.pollMs ?? 100, remaining));
  }
}

/** Creates the lock with its content in one step (link of a complete file), so no reader ever sees it empty. */
async function tryCreate(file: string, holder: LockHolder): Promise<boolean> {
  const temp = `${file}.${holder.nonce}.tmp`;
  try {
    await writeFile(temp, JSON.stringify(holder), { flag: 'wx' });
    await link(temp, file);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw new TrafficError(
      `lock ${file}: cannot create it (${errorCode(error) ?? String(error)}); its folder must exist and be ` +
        'writable by this job',
    );
  } finally {
    await removeTempFile(temp);
  }
}

async function readHolder(file: string): Promise<LockHolder | undefined> {
  let text: string;
  let modified: Date;
  try {
    [text, modified] = await Promise.all([readFile(file, 'utf8'), stat(file).then((s) => s.mtime)]);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    if (typeof parsed.pid === 'number' && typeof parsed.nonce === 'string') {
      return {
        pid: parsed.pid,
        hostname: String(parsed.hostname),
        startedAt: String(parsed.startedAt),
        nonce: parsed.nonce,
        purpose: String(parsed.purpose),
      };
    }
  } catch {
    // Not ours (made by hand?): described by its modification time below.
  }
  return {
    pid: 0,
    hostname: 'unknown host',
    startedAt: modified.toISOString(),
    nonce: `unreadable-${modified.getTime()}`,
    purpose: 'unreadable lock file',
  };
}

function staleReason(holder: LockHolder, staleMs: number): string | undefined {
  if (holder.hostname === os.hostname() && holder.pid > 0 && !isProcessAlive(holder.pid)) {
    return `process ${holder.pid} no longer exists`;
  }
  const age = Date.now() - Date.parse(holder.startedAt);
  if (!(age <= staleMs)) return `older than ${humanDuration(staleMs)}`;
  return undefined;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM'; // exists, owned by someone else
  }
}

/**
 * Removes a stale lock only if it is still the same stale lock. Waiters that saw the same stale holder race for a
 * claim file named after its nonce; only the winner deletes, and it re-reads first, so a fresh lock taken in between
 * is never deleted.
 */
async function takeOver(file: string, stale: LockHolder, staleMs: number): Promise<boolean> {
  const claim = `${file}.${stale.nonce}.takeover`;
  try {
    const claimant = { ...stale, pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString() };
    await writeFile(claim, JSON.stringify(claimant), { flag: 'wx' });
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
    // Another waiter is taking over; if it was killed while doing so, clear its claim so the lock cannot stay stuck.
    const claimant = await readHolder(claim);
    if (claimant && staleReason(claimant, staleMs)) await rm(claim, { force: true });
    return false;
  }
  try {
    const again = await readHolder(file);
    if (again?.nonce !== stale.nonce) return false;
    await rm(file, { force: true });
    return true;
  } finally {
    await rm(claim, { force: true });
  }
}

async function release(file: string, mine: LockHolder, logger: SwitchLogger): Promise<void> {
  const holder = await readHolder(file);
  if (holder?.nonce === mine.nonce) {
    await rm(file, { force: true });
  } else {
    logger.warning(`lock ${file}: no longer ours at release (now ${holder ? describeHolder(holder) : 'absent'})`);
  }
}
