// The bundled action against a real nginx: the owned include rewritten, tested and reloaded; a test command whose
// hostile output stays text while the include is put back; and the flag file that switches with no reload.
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { renderUpstreamBlock } from '@actions-kit/traffic';
import { nginxFlagLocation, nginxFlagUpstreams } from '../../../packages/traffic/__tests__/support/flag-configs.js';
import {
  settledColorsAt,
  startColorBackend,
  startNginx,
  type NginxHandle,
  type Stoppable,
} from '../../../packages/traffic/__tests__/support/real-proxies.js';
import { NODES, errors, rendered, runAction } from './support/bundle.js';

jest.setTimeout(60_000);

let dir: string;
let backends: { blue: string; green: string };
const running: Stoppable[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'blue-green-switch-nginx-'));
  const blue = await startColorBackend('blue');
  const green = await startColorBackend('green');
  running.push(blue, green);
  backends = { blue: blue.address, green: green.address };
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((process_) => process_.stop()));
  await rm(dir, { recursive: true, force: true });
});

describe.each(NODES)('blue-green-switch with nginx under %s', (_label, nodePath) => {
  let nginx: NginxHandle;
  let includeBefore: string;
  beforeEach(async () => {
    includeBefore = renderUpstreamBlock('app', 'blue', { blue: [backends.blue], green: [backends.green] }, undefined);
    await writeFile(path.join(dir, 'upstream.conf'), includeBefore);
    nginx = await startNginx(dir);
    running.push(nginx);
  });

  const nginxInputs = (extra: Record<string, string> = {}): Record<string, string> => ({
    provider: 'nginx',
    target: 'toggle',
    'nginx-upstream-file': nginx.upstreamFile,
    'nginx-upstream-name': 'app',
    'nginx-test-command': nginx.testCommand,
    'nginx-reload-command': nginx.reloadCommand,
    'blue-servers': backends.blue,
    'green-servers': backends.green,
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
    expect(await readFile(nginx.upstreamFile, 'utf8')).toContain(`server ${backends.blue} backup;`);
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
});

describe.each(NODES)('blue-green-switch with a flag file in nginx under %s', (_label, nodePath) => {
  it('switches with no reload: green while the flag exists, blue once it is gone', async () => {
    const flagFile = path.join(dir, 'app.green');
    await writeFile(path.join(dir, 'upstream.conf'), nginxFlagUpstreams(backends));
    const nginx = await startNginx(dir, { location: nginxFlagLocation(flagFile) });
    running.push(nginx);
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
    expect(rendered(toGreen)).toContain(`create ${flagFile} (by rename)`);

    const toBlue = await runAction(nodePath, { inputs: { ...inputs, target: 'toggle' } });
    expect(toBlue.outputs).toMatchObject({ previous: 'green', active: 'blue', changed: 'true' });
    expect(await settledColorsAt(nginx.url, 'blue')).toEqual(['blue']);
  });
});
