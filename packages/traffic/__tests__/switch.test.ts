// The switch orchestration against an in-memory proxy: toggling, no-ops, verification and switch-back, dry runs,
// and the lock that keeps two runs apart.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { restoreTraffic, switchTraffic, TrafficError, type LiveState, type SwitchRequest } from '../src/index.js';
import { FakeClock } from './support/fake-clock.js';
import { InMemoryProvider, recordingLogger } from './support/in-memory-provider.js';

let dir: string;
let clock: FakeClock;
let proxy: InMemoryProvider;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'traffic-switch-'));
  clock = new FakeClock();
  proxy = new InMemoryProvider(path.join(dir, 'app.lock'), { blue: true, green: false });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function run(overrides: Partial<SwitchRequest> = {}): ReturnType<typeof switchTraffic> {
  return switchTraffic({
    provider: proxy,
    target: 'toggle',
    verify: { probe: proxy.probe(clock), requests: 5, timeoutMs: 2_000 },
    clock,
    ...overrides,
  });
}

describe('switchTraffic', () => {
  it('toggles from the live color to the other and proves it with consecutive answers', async () => {
    const report = await run();

    expect(report).toMatchObject({ outcome: 'switched', previous: 'blue', target: 'green', active: 'green' });
    expect(report.changed).toBe(true);
    expect(report.verification).toMatchObject({ passed: true, streak: 5, seen: { green: 5, blue: 0 } });
    expect(proxy.enabled).toEqual({ blue: false, green: true });
    expect(existsSync(proxy.lockFile)).toBe(false);
  });

  it('is a successful no-op when the target is already live', async () => {
    const report = await run({ target: 'blue' });

    expect(report).toMatchObject({ outcome: 'already-live', previous: 'blue', active: 'blue', changed: false });
    expect(report.plan).toEqual([]);
    expect(proxy.switchCalls).toBe(0);
  });

  it('never has zero live colors on the way, and hands the previous state over before changing anything', async () => {
    const saved: LiveState[] = [];
    await run({ target: 'green', beforeChange: (state) => void saved.push(state) });

    expect(proxy.history).toEqual(['blue on, green on', 'blue off, green on']);
    expect(saved.map((state) => state.live)).toEqual(['blue']);
  });

  it('switches back and reports what answered when the new color does not prove live', async () => {
    proxy.broken.add('green');
    const logger = recordingLogger();

    const report = await run({ logger });

    expect(report.outcome).toBe('rolled-back');
    expect(report.active).toBe('blue');
    expect(report.changed).toBe(false);
    expect(report.problem).toMatch(/green did not prove live: 0 of 5 consecutive answers from green/);
    expect(report.problem).toMatch(/last other answer: HTTP 502 with no color/);
    expect(report.verification?.seen.failed).toBeGreaterThan(0);
    expect(report.rollbackVerification).toMatchObject({ passed: true, color: 'blue' });
    expect(proxy.enabled).toEqual({ blue: true, green: false });
    expect(logger.warnings.join('\n')).toMatch(/switching back to blue/);
  });

  it('fails with both messages when switching back fails too', async () => {
    proxy.broken.add('green');
    proxy.restore = async () => {
      throw new TrafficError('proxy unreachable');
    };

    await expect(run()).rejects.toThrow(/did not prove live.*switching back to blue failed too: proxy unreachable/);
    expect(existsSync(proxy.lockFile)).toBe(false);
  });

  it('reports the plan of a dry run and changes nothing, not even the lock', async () => {
    const report = await run({ dryRun: true });

    expect(report).toMatchObject({ outcome: 'dry-run', target: 'green', previous: 'blue', active: 'blue' });
    expect(report.plan).toEqual(['enable green', 'disable blue']);
    expect(report.changed).toBe(false);
    expect(proxy.history).toEqual([]);
    expect(existsSync(proxy.lockFile)).toBe(false);
  });

  it('refuses to toggle when both colors are live, and completes an explicit target', async () => {
    proxy.enabled = { blue: true, green: true };

    await expect(run()).rejects.toThrow(/cannot toggle because both colors are live.*set target to blue or green/);
    const report = await run({ target: 'green' });
    expect(report).toMatchObject({ outcome: 'switched', previous: 'both', active: 'green' });
  });

  it('reports an unverified switch when no verification is asked for', async () => {
    const report = await run({ verify: undefined });

    expect(report.outcome).toBe('switched');
    expect(report.verification).toBeUndefined();
  });

  it('waits for a live holder of the lock, then fails naming it', async () => {
    const holder = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString() };
    await writeFile(proxy.lockFile, JSON.stringify({ ...holder, nonce: 'n1', purpose: 'switch to blue via memory' }));

    const failure = run({ lockWaitMs: 3_000 });

    await expect(failure).rejects.toThrow(
      new RegExp(
        `lock .*app\\.lock is held by pid ${process.pid} on .* \\(switch to blue via memory\\); waited 3000 ms`,
      ),
    );
    expect(clock.now()).toBeGreaterThanOrEqual(3_000);
    expect(proxy.switchCalls).toBe(0);
  });

  it('takes over the lock of a killed run with a warning, and re-applies even when the target looks live', async () => {
    const killed = { pid: 2 ** 22 + 1, hostname: os.hostname(), startedAt: new Date().toISOString(), nonce: 'k1' };
    await writeFile(proxy.lockFile, JSON.stringify({ ...killed, purpose: 'switch to blue via memory' }));
    proxy.enabled = { blue: true, green: true };
    proxy.switchCalls = 0;
    const logger = recordingLogger();

    const report = await run({ target: 'blue', logger });

    expect(report.recoveredLockFrom).toMatchObject({ pid: killed.pid, nonce: 'k1' });
    expect(logger.warnings.join('\n')).toMatch(/recovered a stale lock \(process \d+ no longer exists\)/);
    expect(report).toMatchObject({ outcome: 'switched', previous: 'both', active: 'blue' });
    expect(existsSync(proxy.lockFile)).toBe(false);
  });

  it('runs two concurrent switches one after the other, the second starting from what the first left', async () => {
    const [toGreen, toBlue] = await Promise.all([run({ target: 'green' }), run({ target: 'blue' })]);

    const greenWentFirst = toBlue.previous === 'green';
    expect(toGreen.previous).toBe('blue');
    if (greenWentFirst) {
      expect([toGreen.outcome, toBlue.outcome]).toEqual(['switched', 'switched']);
    } else {
      expect(toBlue.outcome).toBe('already-live');
    }
    expect(proxy.enabled).toEqual(greenWentFirst ? { blue: true, green: false } : { blue: false, green: true });
  });
});

describe('restoreTraffic', () => {
  it('puts back the state saved before a switch, as the cancel post step does', async () => {
    const saved: LiveState[] = [];
    await run({ target: 'green', beforeChange: (state) => void saved.push(state) });
    const [state] = saved;
    if (!state) throw new Error('beforeChange was not called');

    const report = await restoreTraffic({ provider: proxy, state, clock });

    expect(report).toMatchObject({ changed: true, before: 'green', active: 'blue' });
    expect(proxy.enabled).toEqual({ blue: true, green: false });
    expect(await restoreTraffic({ provider: proxy, state, clock })).toMatchObject({ changed: false, active: 'blue' });
  });

  it('recovers the lock the cancelled main step left behind', async () => {
    const state = await proxy.current();
    proxy.enabled = { blue: true, green: true };
    const killed = { pid: 2 ** 22 + 3, hostname: os.hostname(), startedAt: new Date().toISOString(), nonce: 'main' };
    await writeFile(proxy.lockFile, JSON.stringify({ ...killed, purpose: 'switch to green via memory' }));
    const logger = recordingLogger();

    const report = await restoreTraffic({ provider: proxy, state, clock, logger });

    expect(report).toMatchObject({ changed: true, before: 'both', active: 'blue' });
    expect(logger.warnings.join('\n')).toMatch(/recovered a stale lock/);
    expect(existsSync(proxy.lockFile)).toBe(false);
  });
});
