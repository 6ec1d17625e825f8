// The flag-file provider moving real traffic without a reload: nginx choosing its upstream with `if (-e ...)`, and
// Caddy choosing its route with the `file` matcher, per request.
import { describe, expect, it, jest } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FlagFileProvider } from '../src/flag-file.js';
import { httpColorProbe } from '../src/http-color-probe.js';
import { switchTraffic, type SwitchReport } from '../src/switch.js';
import { useColorBackends } from '@actions-kit/testkit/hooks';
import {
  colorsAt,
  startCaddy,
  startNginx,
  caddyFlagRoutes,
  nginxFlagLocation,
  nginxFlagUpstreams,
} from '@actions-kit/testkit';

jest.setTimeout(60_000);

const rig = useColorBackends('traffic-flag-');

async function toggleTwice(url: string): Promise<SwitchReport[]> {
  const provider = new FlagFileProvider({ flagFile: path.join(rig.dir, 'app.green') });
  const verify = { probe: httpColorProbe({ url, header: 'x-color' }), requests: 10, timeoutMs: 5_000 };
  const first = await switchTraffic({ provider, target: 'toggle', verify });
  expect(await colorsAt(url)).toEqual(['green']);
  const second = await switchTraffic({ provider, target: 'toggle', verify });
  expect(await colorsAt(url)).toEqual(['blue']);
  return [first, second];
}

describe('flag-file provider', () => {
  it('moves nginx traffic with no reload', async () => {
    await writeFile(path.join(rig.dir, 'upstream.conf'), nginxFlagUpstreams(rig.addresses));
    const nginx = await startNginx(rig.dir, { location: nginxFlagLocation(path.join(rig.dir, 'app.green')) });
    rig.running.push(nginx);
    expect(await colorsAt(nginx.url)).toEqual(['blue']);

    const reports = await toggleTwice(nginx.url);

    expect(reports.map((r) => `${r.previous}->${r.active} ${r.outcome}`)).toEqual([
      'blue->green switched',
      'green->blue switched',
    ]);
  });

  it('moves Caddy traffic with no config change', async () => {
    const caddy = await startCaddy(rig.dir, rig.addresses.blue, {
      routes: caddyFlagRoutes(rig.dir, 'app.green', rig.addresses),
    });
    rig.running.push(caddy);
    expect(await colorsAt(caddy.url)).toEqual(['blue']);

    const reports = await toggleTwice(caddy.url);

    expect(reports.every((r) => r.verification?.passed)).toBe(true);
  });
});
