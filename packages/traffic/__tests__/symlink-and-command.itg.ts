// The symlink and command providers moving real traffic: nginx serving files through the release link, and a
// switch-command that rewrites and reloads nginx itself.
import { describe, expect, it, jest } from '@jest/globals';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CommandProvider } from '../src/command.js';
import { httpColorProbe } from '../src/http-color-probe.js';
import { switchTraffic } from '../src/switch.js';
import { SymlinkProvider } from '../src/symlink.js';
import { useTempDir } from '@actions-kit/testkit/hooks';
import { settledColorsAt, startColorBackend, startNginx } from '@actions-kit/testkit';

jest.setTimeout(60_000);

// Only the command test needs backends, and starts its own.
const rig = useTempDir('traffic-links-');

describe('symlink provider behind nginx', () => {
  it('moves traffic by pointing current at the other release', async () => {
    for (const color of ['blue', 'green']) {
      await mkdir(path.join(rig.dir, 'releases', color), { recursive: true });
      await writeFile(path.join(rig.dir, 'releases', color, 'index.html'), `{"color":"${color}"}\n`);
    }
    await symlink('releases/blue', path.join(rig.dir, 'current'));
    await writeFile(path.join(rig.dir, 'upstream.conf'), '');
    // open_file_cache is off by default: every request resolves the link again.
    const nginx = await startNginx(rig.dir, { location: `location / { root ${rig.dir}/current; }` });
    rig.running.push(nginx);
    const provider = new SymlinkProvider({
      symlinkPath: path.join(rig.dir, 'current'),
      paths: { blue: path.join(rig.dir, 'releases/blue'), green: path.join(rig.dir, 'releases/green') },
    });

    const report = await switchTraffic({
      provider,
      target: 'toggle',
      verify: {
        probe: httpColorProbe({ url: nginx.url, bodyPattern: '"color":"(\\w+)"' }),
        requests: 5,
        timeoutMs: 5_000,
      },
    });

    expect(report).toMatchObject({ outcome: 'switched', previous: 'blue', active: 'green' });
    expect(report.verification?.seen.green).toBe(5);
  });
});

describe('command provider driving nginx', () => {
  it('moves traffic with switch-command and reads it back with current-command', async () => {
    const blue = await startColorBackend('blue');
    const green = await startColorBackend('green');
    rig.running.push(blue, green);
    await writeFile(path.join(rig.dir, 'upstream.conf'), `upstream app { server ${blue.address}; }\n`);
    const nginx = await startNginx(rig.dir);
    rig.running.push(nginx);
    const provider = new CommandProvider({
      currentCommand: `grep -q ${green.address} upstream.conf && echo green || echo blue`,
      switchCommand:
        `case "$TARGET_COLOR" in blue) to=${blue.address};; green) to=${green.address};; esac; ` +
        `echo "upstream app { server $to; }" > upstream.conf && ${nginx.reloadCommand}`,
      cwd: rig.dir,
    });

    const report = await switchTraffic({
      provider,
      target: 'green',
      verify: { probe: httpColorProbe({ url: nginx.url, header: 'x-color' }), requests: 5, timeoutMs: 5_000 },
    });

    expect(report).toMatchObject({ outcome: 'switched', previous: 'blue', active: 'green' });
    expect(await settledColorsAt(nginx.url, 'green')).toEqual(['green']);
  });
});
