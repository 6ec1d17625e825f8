// The flag-file provider moving real traffic without a reload: nginx choosing its upstream with `if (-e ...)`, and
// Caddy choosing its route with the `file` matcher, per request.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createProvider, httpColorProbe, switchTraffic, type SwitchReport } from '../src/index.js';
import { colorsAt, startCaddy, startColorBackend, startNginx, type Stoppable } from './support/real-proxies.js';
import { caddyFlagRoutes, nginxFlagLocation, nginxFlagUpstreams } from './support/flag-configs.js';

jest.setTimeout(60_000);

let dir: string;
let backends: { blue: string; green: string };
const running: Stoppable[] = [];
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'traffic-flag-'));
  const blue = await startColorBackend('blue');
  const green = await startColorBackend('green');
  running.push(blue, green);
  backends = { blue: blue.address, green: green.address };
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((process_) => process_.stop()));
  await rm(dir, { recursive: true, force: true });
});

async function toggleTwice(url: string): Promise<SwitchReport[]> {
  const provider = createProvider('flag-file', { flagFile: path.join(dir, 'app.green') });
  const verify = { probe: httpColorProbe({ url, header: 'x-color' }), requests: 10, timeoutMs: 5_000 };
  const first = await switchTraffic({ provider, target: 'toggle', verify });
  expect(await colorsAt(url)).toEqual(['green']);
  const second = await switchTraffic({ provider, target: 'toggle', verify });
  expect(await colorsAt(url)).toEqual(['blue']);
  return [first, second];
}

describe('flag-file provider', () => {
  it('moves nginx traffic with no reload', async () => {
    await writeFile(path.join(dir, 'upstream.conf'), nginxFlagUpstreams(backends));
    const nginx = await startNginx(dir, { location: nginxFlagLocation(path.join(dir, 'app.green')) });
    running.push(nginx);
    expect(await colorsAt(nginx.url)).toEqual(['blue']);

    const reports = await toggleTwice(nginx.url);

    expect(reports.map((r) => `${r.previous}->${r.active} ${r.outcome}`)).toEqual([
      'blue->green switched',
      'green->blue switched',
    ]);
  });

  it('moves Caddy traffic with no config change', async () => {
    const caddy = await startCaddy(dir, backends.blue, { routes: caddyFlagRoutes(dir, 'app.green', backends) });
    running.push(caddy);
    expect(await colorsAt(caddy.url)).toEqual(['blue']);

    const reports = await toggleTwice(caddy.url);

    expect(reports.every((r) => r.verification?.passed)).toBe(true);
  });
});
