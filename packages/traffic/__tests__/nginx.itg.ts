// nginx for real: a switch rewrites the owned include, tests and reloads, and traffic moves; an invalid config, a
// stopped nginx, a dead target, a killed run and concurrent runs all leave one consistent color.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TrafficError } from '../src/errors.js';
import { httpColorProbe } from '../src/http-color-probe.js';
import { renderUpstreamBlock, type NginxSettings } from '../src/nginx.js';
import { createProvider, type ProviderSetup } from '../src/providers.js';
import { switchTraffic, type SwitchRequest } from '../src/switch.js';
import { useColorBackends } from '@actions-kit/testkit/hooks';
import { startFrozenRun, type FrozenRun } from './support/frozen-run.js';
import { type NginxHandle, recordingLogger, settledColorsAt, startNginx } from '@actions-kit/testkit';
import { nginxProviderSettings } from './support/nginx-settings.js';

jest.setTimeout(60_000);

let nginx: NginxHandle;
let frozen: FrozenRun | undefined;

// Declared before the rig, so it runs before the rig stops nginx and the backends.
afterEach(async () => {
  await frozen?.kill();
  frozen = undefined;
});
const rig = useColorBackends('traffic-nginx-');
beforeEach(async () => {
  const servers = { blue: [rig.addresses.blue], green: [rig.addresses.green] };
  await writeFile(path.join(rig.dir, 'upstream.conf'), renderUpstreamBlock('app', 'blue', servers, undefined));
  nginx = await startNginx(rig.dir);
  rig.running.push(nginx);
});

const setup = (overrides: Partial<NginxSettings> = {}): ProviderSetup => ({
  provider: 'nginx',
  settings: { ...nginxProviderSettings(nginx, rig.addresses), ...overrides },
});
const request = (overrides: Partial<SwitchRequest> = {}): SwitchRequest => ({
  provider: createProvider(setup()),
  target: 'toggle',
  verify: {
    probe: httpColorProbe({ url: nginx.url, bodyPattern: '"color":"(\\w+)"' }),
    requests: 10,
    timeoutMs: 5_000,
  },
  ...overrides,
});

describe('nginx provider against nginx', () => {
  it('moves traffic to the new color and back', async () => {
    expect(await settledColorsAt(nginx.url, 'blue')).toEqual(['blue']);

    const report = await switchTraffic(request());

    expect(report).toMatchObject({ outcome: 'switched', previous: 'blue', active: 'green', changed: true });
    expect(report.verification?.passed).toBe(true);
    expect(await settledColorsAt(nginx.url, 'green')).toEqual(['green']);
    expect(await readFile(nginx.upstreamFile, 'utf8')).toContain(`server ${rig.addresses.blue} backup;`);
    expect(await switchTraffic(request())).toMatchObject({ previous: 'green', active: 'blue' });
    expect(await settledColorsAt(nginx.url, 'blue')).toEqual(['blue']);
  });

  it('changes nothing in a dry run', async () => {
    const before = await readFile(nginx.upstreamFile, 'utf8');
    const report = await switchTraffic(request({ dryRun: true }));
    expect(report).toMatchObject({ outcome: 'dry-run', target: 'green', active: 'blue' });
    expect(report.plan).toHaveLength(3);
    expect(await readFile(nginx.upstreamFile, 'utf8')).toBe(before);
    expect(await settledColorsAt(nginx.url, 'blue')).toEqual(['blue']);
  });

  it('keeps the live color and the include when nginx rejects the config, returning what nginx said as data', async () => {
    const before = await readFile(nginx.upstreamFile, 'utf8');
    const provider = createProvider(setup({ servers: { blue: [rig.addresses.blue], green: ['127.0.0.1:99999'] } }));

    const failure = switchTraffic(request({ provider }));

    await expect(failure).rejects.toThrow(
      /nginx-test-command .* exited with code 1: nginx rejects the configuration .* live color unchanged \(blue\)/,
    );
    await expect(failure).rejects.toMatchObject({
      untrustedOutput: expect.stringMatching(/\[emerg\] .*invalid port in upstream "127\.0\.0\.1:99999"/),
    });
    expect(await readFile(nginx.upstreamFile, 'utf8')).toBe(before);
    expect(await settledColorsAt(nginx.url, 'blue')).toEqual(['blue']);
  });

  it('says nginx is not running when the reload cannot reach it, and puts the include back', async () => {
    const before = await readFile(nginx.upstreamFile, 'utf8');
    await nginx.stop();

    const failure = switchTraffic(request({ verify: undefined }));

    await expect(failure).rejects.toThrow(/nginx-reload-command .* exited with code 1: is nginx running/);
    await expect(failure).rejects.toBeInstanceOf(TrafficError);
    expect(await readFile(nginx.upstreamFile, 'utf8')).toBe(before);
  });

  it('switches back when the target backend is down', async () => {
    await rig.green.stop();

    const report = await switchTraffic(
      request({
        verify: { probe: httpColorProbe({ url: nginx.url, header: 'x-color' }), requests: 5, timeoutMs: 4_000 },
      }),
    );

    expect(report).toMatchObject({ outcome: 'rolled-back', active: 'blue', changed: false });
    // The old color is nginx's backup, so users got blue instead of errors while green was being tried.
    expect(report.verification?.seen.blue).toBeGreaterThan(0);
    expect(report.problem).toMatch(/green did not prove live/);
    expect(await settledColorsAt(nginx.url, 'blue')).toEqual(['blue']);
  });

  it('recovers from a run killed after writing the include but before the reload', async () => {
    frozen = await startFrozenRun({
      setup: setup(),
      target: 'green',
      freezeAt: '^nginx: wrote',
    });
    await frozen.kill();
    // The include says green while nginx still runs blue: the state a killed run can leave.
    expect(await settledColorsAt(nginx.url, 'blue')).toEqual(['blue']);
    const logger = recordingLogger();

    const report = await switchTraffic(request({ target: 'green', logger }));

    expect(report.recoveredLockFrom?.pid).toBe(frozen.pid);
    expect(logger.warnings.join('\n')).toMatch(/recovered a stale lock/);
    expect(report).toMatchObject({ outcome: 'switched', active: 'green' });
    expect(await settledColorsAt(nginx.url, 'green')).toEqual(['green']);
  });

  it('serialises concurrent runs: each sees the color the other left, none interleaves', async () => {
    const [toGreen, toBlue] = await Promise.all([
      switchTraffic(request({ target: 'green' })),
      switchTraffic(request({ target: 'blue' })),
    ]);

    const greenFirst = toBlue.previous === 'green';
    expect(toGreen.previous).toBe('blue');
    expect(greenFirst ? toGreen.outcome : toBlue.outcome).toBe(greenFirst ? 'switched' : 'already-live');
    expect(await settledColorsAt(nginx.url, greenFirst ? 'blue' : 'green')).toEqual([greenFirst ? 'blue' : 'green']);
  });
});
