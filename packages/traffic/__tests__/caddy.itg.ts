// Caddy for real: a switch PATCHes the reverse_proxy upstreams through the admin API with If-Match, and traffic
// moves; a concurrent config change, a stopped Caddy, a wrong @id, a dead target and a killed run are handled.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { rm } from 'node:fs/promises';
import type { CaddySettings } from '../src/caddy.js';
import { httpColorProbe } from '../src/http-color-probe.js';
import { createProvider, type ProviderSetup } from '../src/providers.js';
import { switchTraffic, type SwitchRequest } from '../src/switch.js';
import { useColorBackends } from '@actions-kit/testkit/hooks';
import { startFrozenRun, type FrozenRun } from './support/frozen-run.js';
import { type CaddyHandle, colorsAt, recordingLogger, startCaddy } from '@actions-kit/testkit';

jest.setTimeout(60_000);

let caddy: CaddyHandle;
let frozen: FrozenRun | undefined;

// Declared before the rig, so it runs before the rig stops Caddy and the backends.
afterEach(async () => {
  await frozen?.kill();
  frozen = undefined;
  // A run killed while holding the lock leaves it in the temp folder (the next run would recover it).
  if (caddy) await rm(createProvider(setup()).lockFile, { force: true });
});
const rig = useColorBackends('traffic-caddy-');
beforeEach(async () => {
  caddy = await startCaddy(rig.dir, rig.addresses.blue);
  rig.running.push(caddy);
});

const setup = (overrides: Partial<CaddySettings> = {}): ProviderSetup => ({
  provider: 'caddy',
  settings: {
    adminUrl: caddy.adminUrl,
    handlerId: 'app',
    servers: { blue: [rig.addresses.blue], green: [rig.addresses.green] },
    ...overrides,
  } satisfies CaddySettings,
});
const request = (overrides: Partial<SwitchRequest> = {}): SwitchRequest => ({
  provider: createProvider(setup()),
  target: 'toggle',
  verify: { probe: httpColorProbe({ url: caddy.url, header: 'x-color' }), requests: 10, timeoutMs: 5_000 },
  ...overrides,
});

describe('caddy provider against Caddy', () => {
  it('moves traffic to the new color and back', async () => {
    expect(await colorsAt(caddy.url)).toEqual(['blue']);

    const report = await switchTraffic(request());

    expect(report).toMatchObject({ outcome: 'switched', previous: 'blue', active: 'green' });
    expect(report.plan[0]).toMatch(/If-Match "\/config\/apps\/http\/servers\/web\/routes\/0\/handle\/0 [0-9a-f]+"/);
    expect(await colorsAt(caddy.url)).toEqual(['green']);
    expect(await switchTraffic(request())).toMatchObject({ previous: 'green', active: 'blue' });
    expect(await colorsAt(caddy.url)).toEqual(['blue']);
  });

  it('changes nothing in a dry run', async () => {
    const provider = createProvider(setup());
    const before = await provider.current();
    expect(await switchTraffic(request({ dryRun: true }))).toMatchObject({ outcome: 'dry-run', active: 'blue' });
    expect(await provider.current()).toEqual(before);
  });

  it('refuses to overwrite a change someone else made after the read (If-Match)', async () => {
    const provider = createProvider(setup());
    const before = await provider.current();
    const response = await fetch(`${caddy.adminUrl}/id/app/upstreams`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ dial: rig.addresses.blue, max_requests: 100 }]),
    });
    expect(response.status).toBe(200);

    await expect(provider.switchTo('green', before, recordingLogger())).rejects.toThrow(
      /changed since this run read it \(If-Match .*\): someone else changed the Caddy config/,
    );
    expect(await colorsAt(caddy.url)).toEqual(['blue']);
  });

  it('names the @id that Caddy does not have', async () => {
    const provider = createProvider(setup({ handlerId: 'ap' }));
    await expect(switchTraffic(request({ provider }))).rejects.toThrow(
      'caddy-handler-id: Caddy has no object with "@id": "ap"',
    );
  });

  it('says Caddy is not running when the admin endpoint refuses', async () => {
    await caddy.stop();
    await expect(switchTraffic(request())).rejects.toThrow(
      /caddy-admin-url: http:\/\/127\.0\.0\.1:\d+ refused the connection: Caddy is not running/,
    );
  });

  it('switches back when the target backend is down', async () => {
    await rig.green.stop();
    const report = await switchTraffic(
      request({
        verify: { probe: httpColorProbe({ url: caddy.url, header: 'x-color' }), requests: 5, timeoutMs: 1_500 },
      }),
    );
    expect(report).toMatchObject({ outcome: 'rolled-back', active: 'blue' });
    expect(report.changes).toEqual([
      { phase: 'switch', step: expect.stringMatching(/^set the upstreams of 'app' to /) },
      { phase: 'switch back', step: "put back the previous upstreams of 'app'" },
    ]);
    expect(report.verification?.seen.failed).toBeGreaterThan(0);
    expect(await colorsAt(caddy.url)).toEqual(['blue']);
  });

  it('recovers the lock of a run killed right after its PATCH, finding green live', async () => {
    frozen = await startFrozenRun({
      setup: setup(),
      target: 'green',
      freezeAt: '^caddy: set the upstreams',
    });
    await frozen.kill();

    const report = await switchTraffic(request({ target: 'green' }));

    expect(report.recoveredLockFrom?.pid).toBe(frozen.pid);
    expect(report).toMatchObject({ previous: 'green', active: 'green', outcome: 'switched' });
    expect(await colorsAt(caddy.url)).toEqual(['green']);
  });
});
