// The bundled action against a real, private Docker engine and registry and a real HAProxy: the sample service's
// images, pushed and deployed by digest. Blue runs release 1.0.0 and is live; each test deploys to green and checks
// what is left afterwards: which containers exist, what HAProxy serves, what the step said.
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import {
  buildSampleImage,
  colorsAt,
  freePort,
  pushImage,
  settledColorsAt,
  startDockerEngine,
  startDockerRegistry,
  startHaproxy,
  type DockerEngine,
  type DockerRegistry,
  type HaproxyHandle,
} from '@actions-kit/testkit';
import { NODES, bundledAction, errors, rendered } from '@actions-kit/testkit/bundles';

jest.setTimeout(120_000);

const action = bundledAction(new URL('..', import.meta.url));
const blueGreenSwitch = bundledAction(new URL('../../blue-green-switch', import.meta.url));
const [, node20] = NODES[0]!;

let dir = '';
let engine: DockerEngine;
let registry: DockerRegistry;
let haproxy: HaproxyHandle;
const ports = { blue: 0, green: 0 };
const images = { v1: '', v2: '', exitsAtStart: '' };

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cd-'));
  engine = await startDockerEngine(path.join(dir, 'engine'), { tcp: true });
  registry = await startDockerRegistry(dir);
  const build = async (version: string, variant: 'clean' | 'exits-at-start' = 'clean'): Promise<string> => {
    const tag = `${registry.address}/sample-service:${version}`;
    await buildSampleImage(engine, { tag, version, variant });
    return pushImage(engine, tag);
  };
  images.v1 = await build('1.0.0');
  images.v2 = await build('1.1.0');
  images.exitsAtStart = await build('1.1.1', 'exits-at-start');
  ports.blue = await freePort();
  ports.green = await freePort();
  haproxy = await startHaproxy(dir, ports);
}, 300_000);

afterAll(async () => {
  await haproxy?.stop();
  await engine?.stop();
  await registry?.stop();
  await rm(dir, { recursive: true, force: true });
}, 60_000);

const inputs = (overrides: Record<string, string>): Record<string, string> => ({
  service: 'sample',
  color: 'green',
  port: String(ports.green),
  'verify-url': `${haproxy.url}version`,
  'cleanup-after': '0s',
  ...overrides,
});
const env = (): Record<string, string> => ({ DOCKER_HOST: engine.host });

/** name → version label, of every container, running or not. */
async function containers(): Promise<Record<string, string>> {
  const lines = await engine.docker([
    'ps',
    '--all',
    '--format',
    '{{.Names}} {{.Label "org.opencontainers.image.version"}} {{.State}}',
  ]);
  return Object.fromEntries(
    lines
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [name, version, state] = line.split(' ');
        return [name!, `${version} ${state}`];
      }),
  );
}

/** blue-green-switch on the real HAProxy, verified through it unless `verify` is false (nothing may answer yet). */
const switchTo = (color: string, verify = true) =>
  blueGreenSwitch.run(node20, {
    inputs: {
      provider: 'haproxy',
      target: color,
      'haproxy-socket': haproxy.socket,
      'haproxy-backend': 'app',
      ...(verify ? { 'verify-url': `${haproxy.url}version`, 'verify-header': 'x-color' } : {}),
    },
  });

// Blue live with 1.0.0, started by the action itself (main only: nothing to clean up yet), before each test.
beforeEach(async () => {
  const blue = await action.run(node20, {
    env: env(),
    post: false,
    inputs: inputs({ color: 'blue', port: String(ports.blue), image: images.v1 }),
  });
  expect(errors(blue)).toEqual([]);
  expect(await settledColorsAt(`${haproxy.url}version`, 'blue')).toEqual(['blue']);
});
afterEach(async () => {
  const ids = (await engine.docker(['ps', '--all', '--quiet'])).split('\n').filter(Boolean);
  if (ids.length > 0) await engine.docker(['rm', '--force', ...ids]);
  expect(errors(await switchTo('blue', false))).toEqual([]);
});

describe.each(NODES)('container-deploy under %s', (_label, node) => {
  it('starts the release by digest on green; once the traffic is on green, the post step removes blue', async () => {
    const result = await action.run(node, {
      env: env(),
      inputs: inputs({ image: images.v2, 'cleanup-after': '1s' }),
      betweenSteps: async () => {
        expect(await containers()).toEqual({ 'sample-blue': '1.0.0 running', 'sample-green': '1.1.0 running' });
        expect((await switchTo('green')).outcome).toBe('success');
      },
    });

    expect(errors(result)).toEqual([]);
    expect(errors(result.post!)).toEqual([]);
    expect(result.outputs).toMatchObject({ container: 'sample-green', version: '1.1.0' });
    expect(await containers()).toEqual({ 'sample-green': '1.1.0 running' });
    const digest = await engine.docker([
      'inspect',
      '--format',
      '{{index .Config.Labels "io.github.actions-kit.digest"}} {{.Config.Image}} {{.HostConfig.RestartPolicy.Name}}',
      'sample-green',
    ]);
    expect(digest.trim()).toBe(`${images.v2.split('@')[1]} ${images.v2} unless-stopped`);
    expect(await colorsAt(`${haproxy.url}version`)).toEqual(['green']);
    expect(rendered(result.post!)).toContain('✅ Container deploy: green live, sample-blue removed');
    expect(rendered(result.post!)).toContain('10 answers, all from green');
  });
});

describe('container-deploy faults', () => {
  it('an image that exits at start fails the step with its log; the post step removes it and blue stays live', async () => {
    const result = await action.run(node20, { env: env(), inputs: inputs({ image: images.exitsAtStart }) });

    expect(result.outcome).toBe('failure');
    expect(errors(result)).toEqual([
      expect.stringMatching(/^container-deploy: sample-green exited with status 3 within 1 s of starting/),
    ]);
    expect(result.stdout).toContain('planted start-up failure (variants.js exits-at-start)');
    expect(result.post?.outcome).toBe('success');
    expect(rendered(result.post!)).toContain('❌ Container deploy: sample-green removed, blue stayed live');
    expect(await containers()).toEqual({ 'sample-blue': '1.0.0 running' });
    expect(await colorsAt(`${haproxy.url}version`)).toEqual(['blue']);
  });

  it('refuses a port already in use, naming it, and starts nothing', async () => {
    const squatter = http.createServer((_request, response) => response.end('not ours'));
    await new Promise<void>((resolve) => squatter.listen(ports.green, '127.0.0.1', resolve));
    try {
      const result = await action.run(node20, { env: env(), inputs: inputs({ image: images.v2 }) });

      expect(errors(result)).toEqual([
        `container-deploy: port ${ports.green} (green's) is in use on this host by something that is not a container ` +
          'of sample; stop what listens there, or give green another port',
      ]);
      expect(result.post?.outcome).toBe('success');
      expect(await containers()).toEqual({ 'sample-blue': '1.0.0 running' });
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('names the engine, as docker-host or DOCKER_HOST, when it does not answer', async () => {
    const closed = `tcp://127.0.0.1:${await freePort()}`;
    const viaInput = await action.run(node20, {
      env: env(),
      inputs: inputs({ image: images.v2, 'docker-host': closed }),
    });
    const viaEnv = await action.run(node20, { env: { DOCKER_HOST: closed }, inputs: inputs({ image: images.v2 }) });

    expect(errors(viaInput)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^container-deploy: the Docker engine at ${closed} \\(docker-host\\) does not answer: .*Cannot connect`,
        ),
      ),
    ]);
    expect(errors(viaEnv)).toEqual([
      expect.stringMatching(
        new RegExp(`^container-deploy: the Docker engine at ${closed} \\(DOCKER_HOST\\) does not answer`),
      ),
    ]);
    expect(await containers()).toEqual({ 'sample-blue': '1.0.0 running' });
  });

  it('deploys to an engine reached over tcp:// as to a remote host', async () => {
    const result = await action.run(node20, {
      env: {},
      inputs: inputs({ image: images.v2, 'docker-host': engine.tcpHost! }),
      post: false,
    });

    expect(errors(result)).toEqual([]);
    expect(rendered(result)).toContain(`(docker-host)`);
    expect(await containers()).toEqual({ 'sample-blue': '1.0.0 running', 'sample-green': '1.1.0 running' });
  });

  it('a deploy cancelled once the release container exists leaves blue live and no green container', async () => {
    // The runner's SIGINT as soon as sample-green exists, whatever main is doing then.
    const cancel = new AbortController();
    const watcher = (async () => {
      while (!cancel.signal.aborted) {
        const found = await engine.docker(['ps', '--all', '--quiet', '--filter', 'name=^sample-green$']);
        if (found.trim()) cancel.abort();
        else await delay(50);
      }
    })();
    const result = await action.run(node20, {
      env: env(),
      inputs: inputs({ image: images.v2 }),
      cancelSignal: cancel.signal,
    });
    cancel.abort();
    await watcher;

    expect(result.outcome).toBe('cancelled');
    expect(result.post?.outcome).toBe('success');
    expect(rendered(result.post!)).toContain('❌ Container deploy: sample-green removed, blue stayed live');
    expect(await containers()).toEqual({ 'sample-blue': '1.0.0 running' });
    expect(await colorsAt(`${haproxy.url}version`)).toEqual(['blue']);
  });
});
