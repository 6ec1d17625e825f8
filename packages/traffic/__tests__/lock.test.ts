// The lock file: one holder at a time, waiting with a bound, and recovering what killed runs leave behind.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { acquireLock, type LockOptions } from '../src/lock.js';
import { ManualClock, recordingLogger } from '@actions-kit/testkit';

let dir: string;
let file: string;
let clock: ManualClock;
let logger: ReturnType<typeof recordingLogger>;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'traffic-lock-'));
  file = path.join(dir, 'app.lock');
  clock = new ManualClock({ sleeps: 'pass-at-once' });
  logger = recordingLogger();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});
const options = (overrides: Partial<LockOptions> = {}): LockOptions => ({
  purpose: 'switch to green via test',
  waitMs: 1_000,
  staleMs: 60_000,
  clock,
  logger,
  ...overrides,
});
const holder = (fields: Record<string, unknown>) =>
  JSON.stringify({
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
    nonce: 'other',
    purpose: 'switch to blue via test',
    ...fields,
  });

describe('acquireLock', () => {
  it('writes pid, host, time and purpose, and removes the file on release', async () => {
    const lock = await acquireLock(file, options());
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({
      pid: process.pid,
      hostname: os.hostname(),
      purpose: 'switch to green via test',
    });
    await lock.release();
    expect(existsSync(file)).toBe(false);
  });

  it('makes a second taker wait until the first releases', async () => {
    const first = await acquireLock(file, options());
    const second = acquireLock(file, options({ waitMs: 60_000 }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await first.release();
    const lock = await second;
    expect(lock.recoveredFrom).toBeUndefined();
    expect(logger.infos.join('\n')).toMatch(/is held by pid \d+ .*waiting up to 1 min 00 s/);
    await lock.release();
  });

  it('fails after the wait, naming the holder and the way out', async () => {
    await writeFile(file, holder({}));
    await expect(acquireLock(file, options())).rejects.toThrow(
      new RegExp(
        `held by pid ${process.pid} on ${os.hostname()} since .* \\(switch to blue via test\\); waited 1\\.0 s.*delete ${file}`,
      ),
    );
    expect(JSON.parse(await readFile(file, 'utf8')).nonce).toBe('other');
  });

  it('recovers the lock of a process that no longer exists, with a warning', async () => {
    await writeFile(file, holder({ pid: 2 ** 22 + 7, nonce: 'dead' }));
    const lock = await acquireLock(file, options());
    expect(lock.recoveredFrom).toMatchObject({ pid: 2 ** 22 + 7, nonce: 'dead' });
    expect(logger.warnings).toEqual([
      expect.stringMatching(/recovered a stale lock \(process 4194311 no longer exists\)/),
    ]);
    await lock.release();
  });

  it('treats a lock from another host as stale only once it is older than the stale age', async () => {
    await writeFile(file, holder({ hostname: 'elsewhere', nonce: 'fresh' }));
    await expect(acquireLock(file, options())).rejects.toThrow(/held by pid \d+ on elsewhere/);
    await writeFile(file, holder({ hostname: 'elsewhere', nonce: 'old', startedAt: '2020-01-01T00:00:00.000Z' }));
    const lock = await acquireLock(file, options());
    expect(logger.warnings.join('\n')).toMatch(/older than 1 min 00 s/);
    await lock.release();
  });

  it('does not remove a lock that someone else took over on release', async () => {
    const lock = await acquireLock(file, options());
    await writeFile(file, holder({ nonce: 'taker' }));
    await lock.release();
    expect(JSON.parse(await readFile(file, 'utf8')).nonce).toBe('taker');
    expect(logger.warnings.join('\n')).toMatch(/no longer ours at release/);
  });

  it('lets exactly one of several waiters take over the same stale lock', async () => {
    await writeFile(file, holder({ pid: 2 ** 22 + 9, nonce: 'dead' }));
    const takers = await Promise.allSettled([1, 2, 3].map(() => acquireLock(file, options({ waitMs: 0 }))));
    const winners = takers.filter((t) => t.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    expect(
      takers.filter((t) => t.status === 'rejected').map((t) => String((t as PromiseRejectedResult).reason)),
    ).toEqual([expect.stringMatching(/is held by pid \d+/), expect.stringMatching(/is held by pid \d+/)]);
  });

  it('names a folder that does not exist', async () => {
    await expect(acquireLock(path.join(dir, 'missing', 'x.lock'), options())).rejects.toThrow(
      /cannot create it \(ENOENT\); its folder must exist/,
    );
  });

  it('names the lock, not the cleanup of its temp file, when a folder on its path is a regular file', async () => {
    await writeFile(path.join(dir, 'plain'), '');
    const file = path.join(dir, 'plain', 'x.lock');
    await expect(acquireLock(file, options())).rejects.toThrow(
      `lock ${file}: cannot create it (ENOTDIR); its folder must exist and be writable by this job`,
    );
  });
});
