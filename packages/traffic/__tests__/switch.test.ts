// The switch orchestration against an in-memory proxy: toggling, no-ops, verification and switch-back, dry runs,
// and the lock that keeps two runs apart.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CommandProvider } from '../src/command.js';
import { CancelledError, TrafficError } from '../src/errors.js';
import type { LiveState } from '../src/provider.js';
import { restoreTraffic, switchTraffic, type SwitchRequest } from '../src/switch.js';
import { groupIsRunning } from '../src/process-group.js';
import { failureOf, InMemoryProvider, ManualClock, pidWrittenTo, recordingLogger } from '@actions-kit/testkit';

let dir: string;
let clock: ManualClock;
let proxy: InMemoryProvider;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'traffic-switch-'));
  clock = new ManualClock({ sleeps: 'pass-at-once' });
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
    expect(report.changes).toEqual([
      { phase: 'switch', step: 'enable green' },
      { phase: 'switch', step: 'disable blue' },
    ]);
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
    expect(report.changes).toEqual([
      { phase: 'switch', step: 'enable green' },
      { phase: 'switch', step: 'disable blue' },
      { phase: 'switch back', step: 'enable blue' },
      { phase: 'switch back', step: 'disable green' },
    ]);
    expect(logger.infos).toEqual(
      expect.arrayContaining(['memory: enable green', 'memory: switching back: enable blue']),
    );
    expect(proxy.enabled).toEqual({ blue: true, green: false });
    expect(logger.warnings.join('\n')).toMatch(/switching back to blue/);
  });

  it('fails with both messages when switching back fails too', async () => {
    proxy.broken.add('green');
    proxy.restore = async () => {
      throw new TrafficError('proxy unreachable');
    };

    const error = await failureOf(run());

    expect(error).toBeInstanceOf(TrafficError);
    expect(error.message).toMatch(/did not prove live.*switching back to blue failed too: proxy unreachable/);
    // The changes made before the failure travel with it, for the caller's report.
    expect((error as TrafficError).changesMade).toEqual([
      { phase: 'switch', step: 'enable green' },
      { phase: 'switch', step: 'disable blue' },
    ]);
    expect(existsSync(proxy.lockFile)).toBe(false);
  });

  it('reports the plan of a dry run and changes nothing, not even the lock', async () => {
    const report = await run({ dryRun: true });

    expect(report).toMatchObject({ outcome: 'dry-run', target: 'green', previous: 'blue', active: 'blue' });
    expect(report.plan).toEqual(['enable green', 'disable blue']);
    expect(report.changes).toEqual([]);
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

  it.each([
    ['changed nothing', { blue: true, green: false }, 'blue (blue on, green off)'],
    ['left the old color live too', { blue: true, green: true }, 'both (blue on, green on)'],
  ])(
    'without verification, fails and switches back when the read-back shows a switch that %s',
    async (_what, after, reads) => {
      // The provider says it is done, but the proxy reads otherwise (a switch-command that did not do its job).
      proxy.switchTo = async () => void (proxy.enabled = { ...after });
      const logger = recordingLogger();

      const report = await run({ verify: undefined, logger });

      expect(report).toMatchObject({ outcome: 'rolled-back', changed: false, active: 'blue', target: 'green' });
      expect(report.problem).toBe(`green is not live after the switch: the proxy reads ${reads}`);
      expect(proxy.enabled).toEqual({ blue: true, green: false });
      expect(logger.warnings.join('\n')).toMatch(/switching back to blue/);
    },
  );

  it('waits for a live holder of the lock, then fails naming it', async () => {
    const holder = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString() };
    await writeFile(proxy.lockFile, JSON.stringify({ ...holder, nonce: 'n1', purpose: 'switch to blue via memory' }));

    const failure = run({ lockWaitMs: 3_000 });

    await expect(failure).rejects.toThrow(
      new RegExp(
        `lock .*app\\.lock is held by pid ${process.pid} on .* \\(switch to blue via memory\\); waited 3\\.0 s`,
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

describe('switchTraffic cancelled through its signal', () => {
  it('changes nothing when cancelled before the first change, and releases the lock', async () => {
    const controller = new AbortController();
    const saved: LiveState[] = [];
    const reading = proxy.current.bind(proxy);
    proxy.current = async () => {
      controller.abort('SIGINT');
      return reading();
    };

    const failure = run({ signal: controller.signal, beforeChange: (state) => void saved.push(state) });

    await expect(failure).rejects.toThrow(
      new CancelledError('SIGINT', 'stopped after reading the live state (blue on, green off)'),
    );
    expect(saved).toEqual([]);
    expect(proxy.history).toEqual([]);
    expect(existsSync(proxy.lockFile)).toBe(false);
  });

  it('stops waiting for another run holding the lock', async () => {
    const holder = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString() };
    await writeFile(proxy.lockFile, JSON.stringify({ ...holder, nonce: 'n2', purpose: 'switch to blue via memory' }));
    const controller = new AbortController();
    controller.abort('SIGTERM');

    const failure = run({ signal: controller.signal });

    await expect(failure).rejects.toThrow(/^cancelled \(SIGTERM\): stopped waiting for lock .*app\.lock, held by pid /);
    expect(proxy.switchCalls).toBe(0);
  });

  it('stops verifying, leaving the proxy as far as it got for restoreTraffic to put back', async () => {
    const controller = new AbortController();
    const saved: LiveState[] = [];
    const probe = proxy.probe(clock);
    let answers = 0;
    const cancellingProbe: typeof probe = (timeoutMs) => {
      answers += 1;
      if (answers === 2) controller.abort('SIGINT');
      return probe(timeoutMs);
    };

    const failure = run({
      target: 'green',
      signal: controller.signal,
      verify: { probe: cancellingProbe, requests: 5, timeoutMs: 2_000 },
      beforeChange: (state) => void saved.push(state),
    });

    await expect(failure).rejects.toThrow('cancelled (SIGINT): stopped verifying green after 2 requests (2 in a row');
    expect(proxy.enabled).toEqual({ blue: false, green: true });
    expect(existsSync(proxy.lockFile)).toBe(false);
    const [state] = saved;
    if (!state) throw new Error('beforeChange was not called');
    expect(await restoreTraffic({ provider: proxy, state, clock })).toMatchObject({ changed: true, active: 'blue' });
  });

  it('stops a switch-command mid-way with everything it started, so it can never finish after a restore', async () => {
    const liveFile = path.join(dir, 'live');
    const pidFile = path.join(dir, 'pid');
    await writeFile(liveFile, 'blue');
    const command = new CommandProvider({
      currentCommand: `cat ${liveFile}`,
      // Slow on the way to green: writes the color only after the sleep.
      switchCommand:
        `if [ "$TARGET_COLOR" = green ]; then echo $$ > ${pidFile}; sleep 30; fi; ` +
        `printf %s "$TARGET_COLOR" > ${liveFile}`,
      cwd: dir,
    });
    const controller = new AbortController();
    const saved: LiveState[] = [];

    const switching = switchTraffic({
      provider: command,
      target: 'green',
      signal: controller.signal,
      beforeChange: (state) => void saved.push(state),
    }).catch((error: unknown) => error);
    const pgid = await pidWrittenTo(pidFile);
    controller.abort('SIGINT');
    const error = await switching;

    expect(error).toBeInstanceOf(CancelledError);
    expect((error as CancelledError).stopped).toMatch(/^stopped 'if \[ "\$TARGET_COLOR" = green \].*' and everything/);
    expect(groupIsRunning(pgid)).toBe(false);
    expect(existsSync(command.lockFile)).toBe(false);

    // What the post step does: the read says blue, but what a stopped command did is unknown, so it is re-applied.
    const [state] = saved;
    if (!state) throw new Error('beforeChange was not called');
    const report = await restoreTraffic({ provider: command, state, reapply: true });
    expect(report).toMatchObject({ changed: false, reapplied: true, active: 'blue' });
    expect(await readFile(liveFile, 'utf8')).toBe('blue');
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
    expect(await restoreTraffic({ provider: proxy, state, clock })).toMatchObject({
      changed: false,
      reapplied: false,
      active: 'blue',
    });
  });

  it('applies the state again when asked, even though the proxy already reads as it', async () => {
    const state = await proxy.current();

    const report = await restoreTraffic({ provider: proxy, state, clock, reapply: true });

    expect(report).toMatchObject({ changed: false, reapplied: true, before: 'blue', active: 'blue' });
    expect(proxy.history).toEqual(['blue on, green off', 'blue on, green off']);
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
