// nginx: reading and writing the owned include, and the rename / test / put-back / reload sequence, with shell
// commands standing in for `nginx -t` and `nginx -s reload` (the integration tests use real nginx).
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  NginxProvider,
  parseUpstreamBlock,
  primaryServers,
  renderUpstreamBlock,
  type NginxOptions,
} from '../src/nginx.js';
import { recordingLogger } from '@actions-kit/testkit';

const servers = { blue: ['10.0.0.1:8080', '10.0.0.2:8080'], green: ['10.0.1.1:8080'] };

describe('parseUpstreamBlock', () => {
  it('reads servers with their parameters and keeps other directives, ignoring comments and other blocks', () => {
    const text = `# header comment
upstream other { server 1.1.1.1:1; }
upstream app {
    server 10.0.0.1:8080 weight=2;   # blue
    server 10.0.1.1:8080 backup;
    keepalive 16;
}`;
    const block = parseUpstreamBlock(text, 'app');
    expect(block).toEqual({
      servers: [
        { address: '10.0.0.1:8080', parameters: ['weight=2'] },
        { address: '10.0.1.1:8080', parameters: ['backup'] },
      ],
      otherDirectives: ['keepalive 16'],
    });
    expect(block && primaryServers(block).map((s) => s.address)).toEqual(['10.0.0.1:8080']);
  });

  it('does not mistake an upstream whose name only starts the same', () => {
    expect(parseUpstreamBlock('upstream app_v2 { server a:1; }', 'app')).toBeUndefined();
  });
});

describe('renderUpstreamBlock', () => {
  it('puts the target live, the other color as backup, and keeps parameters and directives', () => {
    const previous = parseUpstreamBlock('upstream app { server 10.0.0.1:8080 weight=2 backup; keepalive 16; }', 'app');
    const text = renderUpstreamBlock('app', 'blue', servers, previous);
    expect(text).toContain(
      [
        'upstream app {',
        '    server 10.0.0.1:8080 weight=2;',
        '    server 10.0.0.2:8080;',
        '    server 10.0.1.1:8080 backup;',
        '    keepalive 16;',
        '}',
      ].join('\n'),
    );
    expect(parseUpstreamBlock(text, 'app')?.servers).toHaveLength(3);
  });

  it('writes the parameters given with a member, in place of the ones the file had for its address', () => {
    const previous = parseUpstreamBlock(
      'upstream app { server 10.0.0.1:8080 max_fails=9; server 10.0.1.1:8080 weight=5; }',
      'app',
    );
    const withParameters = { blue: ['10.0.0.1:8080 weight=2 max_fails=3'], green: ['10.0.1.1:8080'] };
    expect(renderUpstreamBlock('app', 'green', withParameters, previous)).toContain(
      [
        'upstream app {',
        '    server 10.0.1.1:8080 weight=5;',
        '    server 10.0.0.1:8080 weight=2 max_fails=3 backup;',
      ].join('\n'),
    );
  });

  it('marks the other color down when the balancing method forbids backup', () => {
    const previous = parseUpstreamBlock('upstream app { hash $remote_addr; }', 'app');
    expect(renderUpstreamBlock('green', 'green', servers, previous)).toContain('server 10.0.0.1:8080 down;');
  });
});

describe('NginxProvider', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'traffic-nginx-'));
    file = path.join(dir, 'app-upstream.conf');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const nginx = (overrides: Partial<NginxOptions> = {}) =>
    new NginxProvider({
      upstreamFile: file,
      upstreamName: 'app',
      servers,
      testCommand: 'true',
      reloadCommand: 'echo reloaded >> reloads',
      cwd: dir,
      ...overrides,
    });

  it('reads the live color from the include, and none before the first switch', async () => {
    expect(await nginx().current()).toMatchObject({ live: 'none', evidence: `${file} does not exist yet` });
    await writeFile(file, renderUpstreamBlock('app', 'green', servers, undefined));
    expect(await nginx().current()).toMatchObject({
      live: 'green',
      evidence: "upstream 'app' sends traffic to 10.0.1.1:8080",
    });
  });

  it('writes the include, tests, then reloads', async () => {
    await writeFile(file, renderUpstreamBlock('app', 'blue', servers, undefined));
    const provider = nginx();

    await provider.switchTo('green', await provider.current(), recordingLogger());

    expect((await provider.current()).live).toBe('green');
    expect(await readFile(path.join(dir, 'reloads'), 'utf8')).toBe('reloaded\n');
  });

  it('puts the previous include back when the test fails, does not reload, and returns the output as data', async () => {
    const original = renderUpstreamBlock('app', 'blue', servers, undefined);
    await writeFile(file, original);
    const provider = nginx({ testCommand: 'echo "nginx: [emerg] unknown directive" >&2; exit 1' });

    const failure = provider.switchTo('green', await provider.current(), recordingLogger());

    await expect(failure).rejects.toThrow(
      /nginx-test-command .* exited with code 1: .*previous file is back and live color unchanged \(blue\)/,
    );
    await expect(failure).rejects.toMatchObject({ untrustedOutput: 'nginx: [emerg] unknown directive\n' });
    expect(await readFile(file, 'utf8')).toBe(original);
    expect(existsSync(path.join(dir, 'reloads'))).toBe(false);
  });

  it('removes an include it created when the test fails on the first switch', async () => {
    const provider = nginx({ testCommand: 'false' });
    await expect(provider.switchTo('blue', await provider.current(), recordingLogger())).rejects.toThrow(
      /nginx-test-command 'false'/,
    );
    expect(existsSync(file)).toBe(false);
  });

  it('puts the include back and asks whether nginx runs when the reload fails', async () => {
    await writeFile(file, renderUpstreamBlock('app', 'blue', servers, undefined));
    const provider = nginx({ reloadCommand: 'exit 1' });
    await expect(provider.switchTo('green', await provider.current(), recordingLogger())).rejects.toThrow(
      /is nginx running/,
    );
    expect((await provider.current()).live).toBe('blue');
  });

  it('reads the color of members given with parameters by their address', async () => {
    const provider = nginx({ servers: { blue: ['10.0.0.1:8080 weight=2'], green: ['10.0.1.1:8080 max_fails=1'] } });
    await provider.switchTo('green', await provider.current(), recordingLogger());

    expect(await readFile(file, 'utf8')).toContain('server 10.0.1.1:8080 max_fails=1;');
    expect(await provider.current()).toMatchObject({
      live: 'green',
      evidence: "upstream 'app' sends traffic to 10.0.1.1:8080",
    });
  });

  it('names a live server that is in neither color', async () => {
    await writeFile(file, 'upstream app { server 10.9.9.9:80; }');
    await expect(nginx().current()).rejects.toThrow(
      /sends traffic to 10\.9\.9\.9:80, which is in neither blue-servers/,
    );
  });

  it('refuses a file without the upstream block, naming both inputs', async () => {
    await writeFile(file, 'upstream web { server 10.0.0.1:8080; }');
    await expect(nginx().current()).rejects.toThrow(/has no 'upstream app \{ \.\.\. \}' block.*nginx-upstream-name/);
  });

  it('restores exactly the previous include', async () => {
    const original = '# mine\nupstream app {\n  server 10.0.0.1:8080;\n  keepalive 4;\n}\n';
    await writeFile(file, original);
    const provider = nginx();
    const before = await provider.current();
    await provider.switchTo('green', before, recordingLogger());

    await provider.restore(before, recordingLogger());

    expect(await readFile(file, 'utf8')).toBe(original);
  });
});
