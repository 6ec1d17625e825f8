// HAProxy for real: a switch moves traffic through the runtime API, survives a reload through the state file, and
// the faults (no socket, HAProxy stopped, dead target, killed run, concurrent run, dry run) leave a consistent color,
// also when concurrent runs reach the same HAProxy one by its unix socket and the other by TCP.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { HaproxySettings } from '../src/haproxy.js';
import { httpColorProbe } from '../src/http-color-probe.js';
import { createProvider, type ProviderSetup } from '../src/providers.js';
import { switchTraffic, type SwitchRequest } from '../src/switch.js';
import { useColorBackends } from '@actions-kit/testkit/hooks';
import { startFrozenRun, type FrozenRun } from './support/frozen-run.js';
import { colorsAt, type HaproxyHandle, recordingLogger, startHaproxy } from '@actions-kit/testkit';

jest.setTimeout(60_000);

let haproxy: HaproxyHandle;
let frozen: FrozenRun | undefined;

// Declared before the rig, so it runs before the rig stops HAProxy and the backends.
afterEach(async () => {
  await frozen?.kill();
  frozen = undefined;
  // A run killed while holding the lock leaves it in the temp folder (the next run would recover it).
  if (haproxy) {
    const provider = createProvider(setup());
    await rm(provider.lockFile, { force: true });
    // The lock as HAProxy names itself, which runs take; none to find when the test stopped HAProxy.
    const resolved = await provider.resolveLockFile?.().catch(() => undefined);
    if (resolved) await rm(resolved, { force: true });
  }
});
const rig = useColorBackends('traffic-haproxy-');
beforeEach(async () => {
  haproxy = await startHaproxy(rig.dir, { blue: rig.blue.port, green: rig.green.port }, { tcpAdmin: true });
  rig.running.push(haproxy);
});

const servers = { blue: ['blue'], green: ['green'] };
const setup = (overrides: Partial<HaproxySettings> = {}): ProviderSetup => ({
  provider: 'haproxy',
  settings: { socket: haproxy.socket, backend: 'app', servers, stateFile: haproxy.stateFile, ...overrides },
});
const request = (overrides: Partial<SwitchRequest> = {}): SwitchRequest => ({
  provider: createProvider(setup()),
  target: 'toggle',
  verify: { probe: httpColorProbe({ url: haproxy.url, header: 'x-color' }), requests: 10, timeoutMs: 5_000 },
  ...overrides,
});

describe('haproxy provider against HAProxy', () => {
  it('moves traffic to the new color, proves it, and saves the states a reload will load', async () => {
    expect(await colorsAt(haproxy.url)).toEqual(['blue']);

    const report = await switchTraffic(request());

    expect(report).toMatchObject({ outcome: 'switched', previous: 'blue', active: 'green', changed: true });
    expect(report.verification).toMatchObject({ passed: true, seen: { green: 10 } });
    expect(await colorsAt(haproxy.url)).toEqual(['green']);
    expect(await readFile(haproxy.stateFile, 'utf8')).toMatch(
      /^1\n# be_id[^\n]*\n(?:.*\n)*\d+ app \d+ blue \S+ \d+ 8 /,
    );
    const back = await switchTraffic(request());
    expect(back).toMatchObject({ previous: 'green', active: 'blue' });
    expect(await colorsAt(haproxy.url)).toEqual(['blue']);
  });

  it('is a no-op when the target is live already', async () => {
    expect(await switchTraffic(request({ target: 'blue' }))).toMatchObject({ outcome: 'already-live', changed: false });
  });

  it('changes nothing in a dry run', async () => {
    const provider = createProvider(setup());
    const before = await provider.current();

    const report = await switchTraffic(request({ dryRun: true }));

    expect(report.plan).toEqual([
      'set server app/green state ready',
      'set server app/blue state drain',
      `save all server states to ${haproxy.stateFile}`,
    ]);
    expect(await provider.current()).toEqual(before);
    expect(await colorsAt(haproxy.url)).toEqual(['blue']);
  });

  it('switches back and fails with what answered when the target backend is down', async () => {
    await rig.green.stop();

    const report = await switchTraffic(
      request({
        verify: { probe: httpColorProbe({ url: haproxy.url, header: 'x-color' }), requests: 5, timeoutMs: 1_500 },
      }),
    );

    expect(report.outcome).toBe('rolled-back');
    expect(report.problem).toMatch(/green did not prove live: 0 of 5 .*seen: .*failed \d+/);
    expect(report.active).toBe('blue');
    expect(report.rollbackVerification?.passed).toBe(true);
    expect(await colorsAt(haproxy.url)).toEqual(['blue']);
  });

  it('names the socket when it does not exist', async () => {
    const provider = createProvider(setup({ socket: path.join(rig.dir, 'nope.sock'), stateFile: undefined }));
    await expect(switchTraffic(request({ provider }))).rejects.toThrow(
      /haproxy-socket: .*nope\.sock does not exist: HAProxy is not running, or its global section lacks "stats socket/,
    );
  });

  it('says HAProxy is not running when nothing answers on the socket', async () => {
    await haproxy.stop();
    await expect(switchTraffic(request())).rejects.toThrow(
      /haproxy-socket: .*admin\.sock (does not exist|refused the connection): HAProxy is not running/,
    );
  });

  it('recovers from a run killed between enabling green and draining blue', async () => {
    frozen = await startFrozenRun({
      setup: setup(),
      target: 'green',
      freezeAt: '^haproxy: set server app/green state ready',
    });
    await frozen.kill();
    expect(await colorsAt(haproxy.url, 20)).toEqual(['blue', 'green']);
    const logger = recordingLogger();

    const report = await switchTraffic(request({ target: 'green', logger }));

    expect(report.recoveredLockFrom?.pid).toBe(frozen.pid);
    expect(logger.warnings.join('\n')).toMatch(new RegExp(`stale lock \\(process ${frozen.pid} no longer exists\\)`));
    expect(report).toMatchObject({ previous: 'both', active: 'green', outcome: 'switched' });
    expect(await colorsAt(haproxy.url)).toEqual(['green']);
  });

  it('makes a concurrent run wait, then fail naming the run holding the lock, without touching HAProxy', async () => {
    frozen = await startFrozenRun({
      setup: setup(),
      target: 'green',
      freezeAt: '^haproxy: set server app/blue state drain',
    });

    const failure = switchTraffic(request({ target: 'blue', lockWaitMs: 500 }));

    await expect(failure).rejects.toThrow(
      new RegExp(`is held by pid ${frozen.pid} on ${os.hostname()} .*\\(switch to green via haproxy\\); waited 500 ms`),
    );
    expect(await colorsAt(haproxy.url)).toEqual(['green']);
  });

  it('makes a run through TCP wait for a run through the unix socket: one HAProxy, one lock', async () => {
    frozen = await startFrozenRun({
      setup: setup(),
      target: 'green',
      freezeAt: '^haproxy: set server app/blue state drain',
    });
    const viaTcp = createProvider(setup({ socket: haproxy.tcpSocket }));

    const failure = switchTraffic(request({ provider: viaTcp, target: 'blue', lockWaitMs: 500 }));

    await expect(failure).rejects.toThrow(
      new RegExp(`is held by pid ${frozen.pid} on ${os.hostname()} .*\\(switch to green via haproxy\\); waited 500 ms`),
    );
    expect(await colorsAt(haproxy.url)).toEqual(['green']);
  });

  it('serialises concurrent toggles through the unix socket and TCP: each pair toggles twice, one color live', async () => {
    const viaUnix = createProvider(setup());
    const viaTcp = createProvider(setup({ socket: haproxy.tcpSocket }));
    for (let pair = 0; pair < 10; pair += 1) {
      const reports = await Promise.all(
        [viaUnix, viaTcp].map((provider) => switchTraffic({ provider, target: 'toggle', lockWaitMs: 20_000 })),
      );

      expect(reports.map((report) => report.outcome)).toEqual(['switched', 'switched']);
      expect(reports.map((report) => report.target).sort()).toEqual(['blue', 'green']);
      expect((await viaTcp.current()).live).toBe('blue');
    }
    expect(await colorsAt(haproxy.url)).toEqual(['blue']);
  });
});
