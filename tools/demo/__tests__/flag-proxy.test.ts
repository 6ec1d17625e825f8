// The demo's flag-file proxy against two real color servers on loopback: the flag file decides each request, so a
// switch shows on the very next one, and a color that does not answer is a 502 naming it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { colorAt, freePort, startColorBackend } from '@actions-kit/testkit';
import { type FlagProxy, startFlagProxy } from '../src/flag-proxy.js';

let dir: string;
let flag: string;
const stops: (() => Promise<void>)[] = [];
let proxy: FlagProxy;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'flag-proxy-'));
  flag = path.join(dir, 'green-is-live');
  const blue = await startColorBackend('blue');
  const green = await startColorBackend('green');
  stops.push(blue.stop, green.stop);
  proxy = await startFlagProxy(flag, { blue: blue.port, green: green.port });
  stops.push(proxy.stop);
});

afterAll(async () => {
  for (const stop of stops.reverse()) await stop();
  await rm(dir, { recursive: true, force: true });
});

describe('startFlagProxy', () => {
  it('sends each request to blue while the flag file is absent and to green while it exists', async () => {
    expect(await colorAt(proxy.url)).toBe('blue');
    await writeFile(flag, 'green\n');
    expect(await colorAt(proxy.url)).toBe('green');
    await rm(flag);
    expect(await colorAt(proxy.url)).toBe('blue');
  });

  it('answers 502 naming the color when that color does not answer', async () => {
    const unused = await freePort();
    const lonely = await startFlagProxy(flag, { blue: unused, green: unused });
    try {
      const response = await fetch(lonely.url);
      expect(response.status).toBe(502);
      expect(await response.text()).toMatch(/^demo proxy: blue did not answer \(.*ECONNREFUSED.*\)\n$/);
    } finally {
      await lonely.stop();
    }
  });
});
