// The bundled action against a real nginx: the owned include rewritten, tested and reloaded; a test command whose
// hostile output stays text while the include is put back; servers or an upstream name that would write more than a
// server into the include refused before it is touched; and the flag file that switches with no reload.
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { useColorBackends } from '@actions-kit/testkit/hooks';
import {
  nginxFlagLocation,
  nginxFlagUpstreams,
  nginxActionInputs,
  settledColorsAt,
  startNginx,
  type NginxHandle,
} from '@actions-kit/testkit';
import { quoteValue } from '@actions-kit/core';
import { NODES, errors, rendered, runAction } from './support/bundle.js';

jest.setTimeout(60_000);

const rig = useColorBackends('blue-green-switch-nginx-');

describe.each(NODES)('blue-green-switch with nginx under %s', (_label, nodePath) => {
  let nginx: NginxHandle;
  let includeBefore: string;
  beforeEach(async () => {
    // Written by hand, as a team would before the first switch: blue live, green its backup.
    includeBefore = `upstream app {\n  server ${rig.addresses.blue};\n  server ${rig.addresses.green} backup;\n}\n`;
    await writeFile(path.join(rig.dir, 'upstream.conf'), includeBefore);
    nginx = await startNginx(rig.dir);
    rig.running.push(nginx);
  });

  const nginxInputs = (extra: Record<string, string> = {}): Record<string, string> => ({
    ...nginxActionInputs(nginx, rig.addresses),
    target: 'toggle',
    'verify-url': nginx.url,
    'verify-body': '"color":"(\\w+)"',
    'verify-requests': '10',
    'verify-timeout': '5s',
    ...extra,
  });

  it('rewrites the include, reloads, and proves green answers', async () => {
    expect(await settledColorsAt(nginx.url, 'blue')).toEqual(['blue']);

    const result = await runAction(nodePath, { inputs: nginxInputs() });

    expect(result.outcome).toBe('success');
    expect(result.annotations).toEqual([]);
    expect(result.outputs).toMatchObject({ previous: 'blue', active: 'green', changed: 'true', outcome: 'switched' });
    expect(await readFile(nginx.upstreamFile, 'utf8')).toContain(`server ${rig.addresses.blue} backup;`);
    expect(await settledColorsAt(nginx.url, 'green')).toEqual(['green']);
    expect(rendered(result)).toContain(`Blue-green switch: switched blue → green`);
    expect(rendered(result)).toContain('10 of 10 consecutive answers from green');
  });

  it.each(['::error::pwned', '::add-mask::x', '%0A::warning::pwned', '</details><img src=x onerror=alert(1)>'])(
    'keeps a failing test command printing %j as text, and puts the include back',
    async (hostile) => {
      const testCommand = `printf '%s\\n' '${hostile}'; exit 1`;

      const result = await runAction(nodePath, { inputs: nginxInputs({ 'nginx-test-command': testCommand }) });

      expect(result.outcome).toBe('failure');
      const [message, ...others] = errors(result);
      expect(others).toEqual([]);
      expect(message).toMatch(/^blue-green-switch: nginx-test-command .* exited with code 1/);
      expect(result.annotations.filter((annotation) => annotation.level !== 'error')).toEqual([]);
      expect(result.masks).toEqual([]);
      // Shown in the log as nginx printed it, inside stop-commands so nothing acts on it.
      expect(result.log).toContain(hostile);
      expect(result.summary).not.toContain('<img');
      expect(result.summary).not.toContain('</details><');
      expect(await readFile(nginx.upstreamFile, 'utf8')).toBe(includeBefore);
      expect(await settledColorsAt(nginx.url, 'blue')).toEqual(['blue']);
    },
  );

  it.each([
    [
      'green-servers',
      (green: string) => `${green}; } server { listen 127.0.0.1:1; return 200 x; } upstream y { server ${green}`,
    ],
    ['blue-servers', (_green: string) => `127.0.0.1:1 weight=1;include /etc/passwd`],
    ['nginx-upstream-name', (_green: string) => 'app { server 127.0.0.1:1; } upstream other'],
  ])('refuses %s that would write more than a server into the include, leaving it untouched', async (input, value) => {
    const hostile = value(rig.addresses.green);

    const result = await runAction(nodePath, { inputs: nginxInputs({ [input]: hostile }) });

    expect(result.outcome).toBe('failure');
    const [message, ...others] = errors(result);
    expect(others).toEqual([]);
    expect(message).toMatch(new RegExp(`^blue-green-switch: ${input}: ${escapeRegExp(quoteValue(hostile))} contains `));
    expect(await readFile(nginx.upstreamFile, 'utf8')).toBe(includeBefore);
    expect(await settledColorsAt(nginx.url, 'blue')).toEqual(['blue']);
  });
});

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.each(NODES)('blue-green-switch with a flag file in nginx under %s', (_label, nodePath) => {
  it('switches with no reload: green while the flag exists, blue once it is gone', async () => {
    const flagFile = path.join(rig.dir, 'app.green');
    await writeFile(path.join(rig.dir, 'upstream.conf'), nginxFlagUpstreams(rig.addresses));
    const nginx = await startNginx(rig.dir, { location: nginxFlagLocation(flagFile) });
    rig.running.push(nginx);
    const inputs = {
      provider: 'flag-file',
      'flag-file': flagFile,
      'verify-url': nginx.url,
      'verify-header': 'x-color',
    };

    const toGreen = await runAction(nodePath, { inputs: { ...inputs, target: 'green' } });
    expect(toGreen.outcome).toBe('success');
    expect(toGreen.outputs).toMatchObject({ previous: 'blue', active: 'green', changed: 'true' });
    expect(await settledColorsAt(nginx.url, 'green')).toEqual(['green']);
    expect(rendered(toGreen)).toContain(`- ✅ done: created ${flagFile} (by rename): green live`);

    const toBlue = await runAction(nodePath, { inputs: { ...inputs, target: 'toggle' } });
    expect(toBlue.outputs).toMatchObject({ previous: 'green', active: 'blue', changed: 'true' });
    expect(rendered(toBlue)).toContain(`- ✅ done: removed ${flagFile}: blue live`);
    expect(await settledColorsAt(nginx.url, 'blue')).toEqual(['blue']);
  });
});
