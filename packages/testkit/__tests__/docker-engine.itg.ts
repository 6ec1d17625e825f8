// The private Docker engine and registry the container tests stand on: the sample image is built with nothing
// pulled, pushed, pulled back by digest into a second engine reached over loopback TCP, and run with --network host.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  buildSampleImage,
  freePort,
  pushImage,
  startDockerEngine,
  startDockerRegistry,
  type DockerEngine,
  type DockerRegistry,
} from '../src/index.js';

let dir = '';
let engine: DockerEngine;
let registry: DockerRegistry;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dk-'));
  engine = await startDockerEngine(path.join(dir, 'a'));
  registry = await startDockerRegistry(dir);
}, 120_000);
afterAll(async () => {
  await engine?.stop();
  await registry?.stop();
  await rm(dir, { recursive: true, force: true });
}, 60_000);

describe('startDockerEngine', () => {
  it('answers on its own socket in its own folder, with the vfs driver', async () => {
    expect(engine.host).toBe(`unix://${path.join(dir, 'a', 'docker.sock')}`);
    const info = JSON.parse(await engine.docker(['info', '--format', '{{json .}}'])) as Record<string, unknown>;
    expect({ driver: info['Driver'], root: info['DockerRootDir'] }).toEqual({
      driver: 'vfs',
      root: path.join(dir, 'a', 'data'),
    });
  });

  it('builds the sample image with nothing pulled, pushes it, and a second engine over TCP runs it by digest', async () => {
    const tag = `${registry.address}/sample-service:1.2.3`;
    await buildSampleImage(engine, { tag, version: '1.2.3' });
    const reference = await pushImage(engine, tag);
    expect(reference).toMatch(new RegExp(`^${registry.address}/sample-service@sha256:[0-9a-f]{64}$`));

    const remote = await startDockerEngine(path.join(dir, 'b'), { tcp: true });
    try {
      expect(remote.tcpHost).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
      const overTcp = { ...remote.env, DOCKER_HOST: remote.tcpHost };
      const port = await freePort();
      await remote.docker(['pull', '--quiet', reference]);
      const run = ['run', '--detach', '--network', 'host', '--env', `PORT=${port}`, '--env', 'COLOR=green'];
      const { execFileSync } = await import('node:child_process');
      execFileSync('docker', [...run, '--name', 'sample-green', reference], { env: overTcp });
      let answer = '';
      for (let i = 0; i < 200 && !answer; i += 1) {
        answer = await fetch(`http://127.0.0.1:${port}/version`)
          .then((response) => response.text())
          .catch(() => new Promise<string>((resolve) => setTimeout(() => resolve(''), 50)));
      }
      expect(JSON.parse(answer)).toEqual({ color: 'green', version: '1.2.3', release: 'good' });
    } finally {
      await remote.stop();
    }
    expect(await engine.docker(['ps', '--all', '--quiet'])).toBe('');
  }, 180_000);
});
