// main's run() and the post step's runPost() with plain objects: an engine in a Map, a verify-url probe scripted
// color by color, and time that passes at once. Which containers remain, and what the step says, in each case.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { UserError } from '@actions-kit/core';
import { fakeRunner, type FakeRunner } from '@actions-kit/testkit';
import { releaseLabels } from '../src/container-engine.js';
import type { Inputs } from '../src/inputs.js';
import { readLiveColor } from '../src/live-color.js';
import { run } from '../src/main.js';
import { runPost } from '../src/post.js';
import { answering, inMemoryEngine, testDeps, type InMemoryEngine } from './support/in-memory-engine.js';

const IMAGE = `registry.example.com/shop@sha256:${'a'.repeat(64)}`;
const inputs: Inputs = {
  service: 'shop',
  image: IMAGE,
  color: 'green',
  port: 8082,
  version: '',
  verify: { url: 'https://shop.example.com/version', header: 'x-color' },
  cleanupAfterMs: 600_000,
  dockerHost: '',
};

let runner: FakeRunner;
let engine: InMemoryEngine;
beforeEach(() => {
  runner = fakeRunner();
  engine = inMemoryEngine();
  engine.containers.set('shop-blue', {
    id: 'id-blue',
    status: 'running',
    exitCode: 0,
    labels: releaseLabels('shop', 'blue', IMAGE, '1.0.0'),
    image: IMAGE,
    env: {},
  });
});
afterEach(() => runner.restore());

describe('container-deploy main', () => {
  it('starts the release on green by digest, with its port, color and labels, and outputs its name', async () => {
    const deps = testDeps(engine, () => answering('blue'));
    await run(inputs, deps);

    expect(engine.containers.get('shop-green')).toMatchObject({
      image: IMAGE,
      env: { PORT: '8082', COLOR: 'green' },
      labels: {
        'io.github.actions-kit.service': 'shop',
        'io.github.actions-kit.color': 'green',
        'io.github.actions-kit.digest': `sha256:${'a'.repeat(64)}`,
        'org.opencontainers.image.version': '2.0.0', // the image's own label, as version is empty
      },
    });
    expect(deps.recorded.outputs).toEqual({
      container: 'shop-green',
      'container-id': 'id-shop-green',
      version: '2.0.0',
    });
    expect(engine.containers.has('shop-blue')).toBe(true);
  });

  it('replaces an earlier release on the idle color', async () => {
    engine.containers.set('shop-green', { ...engine.containers.get('shop-blue')!, id: 'old-green', status: 'exited' });
    await run(
      { ...inputs, version: '2.0.1' },
      testDeps(engine, () => answering('blue')),
    );

    expect(engine.calls).toEqual([
      'remove shop-green',
      `prepare ${IMAGE}`,
      'run shop-green',
      'keep restarting shop-green', // only once it has survived its first second
    ]);
    expect(engine.containers.get('shop-green')?.labels['org.opencontainers.image.version']).toBe('2.0.1');
  });

  it('refuses to replace the color verify-url shows live', async () => {
    await expect(
      run(
        inputs,
        testDeps(engine, () => answering('green')),
      ),
    ).rejects.toThrow(
      new UserError(
        'green is live at https://shop.example.com/version (10 answers, all from green): refusing to replace ' +
          'shop-green, which serves the traffic; deploy to the idle color (blue-green-switch with target: toggle ' +
          'and dry-run: true outputs it as target)',
      ),
    );
    expect(engine.calls).toEqual([]);
  });

  it('refuses a container of that name it did not start, and a port taken on this host', async () => {
    engine.containers.set('shop-green', { ...engine.containers.get('shop-blue')!, labels: {} });
    await expect(
      run(
        inputs,
        testDeps(engine, () => answering('blue')),
      ),
    ).rejects.toThrow(
      /^a container named shop-green exists on the Docker engine at unix:\/\/\/test.sock \(docker-host\) and container-deploy did not start it/,
    );
    engine.containers.delete('shop-green');
    await expect(
      run(
        inputs,
        testDeps(engine, () => answering('blue'), { portTaken: true }),
      ),
    ).rejects.toThrow(
      "port 8082 (green's) is in use on this host by something that is not a container of shop; stop what listens " +
        'there, or give green another port',
    );
    expect(engine.calls).toEqual([]);
  });

  it('leaves the port to the container on a remote engine, which cannot be checked from here', async () => {
    engine.local = false;
    await run(
      inputs,
      testDeps(engine, () => answering('blue'), { portTaken: true }),
    );
    expect(engine.containers.get('shop-green')?.status).toBe('running');
  });

  it('fails with the container log when it exits in its first second', async () => {
    engine.exitsAtStart = 1;
    const deps = testDeps(engine, () => answering('blue'));
    await expect(run(inputs, deps)).rejects.toThrow(
      /^shop-green exited with status 1 within 1 s of starting \(its last lines are in the log above\)/,
    );
    expect(deps.recorded.printed).toEqual(["shop-green's last lines:\nshop-green: listen EADDRINUSE"]);
    expect(runner.file('STATE')).toContain('shop-green'); // the post step knows what to remove
  });

  it('names the engine and the fix when it does not answer', async () => {
    engine.reachable = false;
    await expect(
      run(
        inputs,
        testDeps(engine, () => answering('blue')),
      ),
    ).rejects.toThrow(
      'the engine does not answer: Cannot connect to the Docker daemon; check that the Docker engine at ' +
        'unix:///test.sock (docker-host) runs and this runner may use it (docker-host, or DOCKER_HOST, e.g. ' +
        'unix:///var/run/docker.sock, ssh://deploy@10.0.0.5, tcp://10.0.0.5:2376)',
    );
  });
});

describe('container-deploy post', () => {
  beforeEach(async () => {
    await run(
      inputs,
      testDeps(engine, () => answering('blue')),
    );
    engine.calls.length = 0;
  });

  it('removes the release when the traffic is on the previous color (rolled back, failed or cancelled)', async () => {
    const deps = testDeps(engine, () => answering('blue'));
    await runPost({ inputs, started: 'shop-green' }, deps);

    expect([...engine.containers.keys()]).toEqual(['shop-blue']);
    expect(deps.recorded.summaries.join('')).toContain('❌ Container deploy: shop-green removed, blue stayed live');
    expect(deps.clock.now()).toBe(0); // no wait: the release is not live
  });

  it('keeps the previous color for cleanup-after, checks again, then removes it', async () => {
    const deps = testDeps(engine, () => answering('green'));
    await runPost({ inputs, started: 'shop-green' }, deps);

    expect([...engine.containers.keys()]).toEqual(['shop-green']);
    expect(deps.clock.now()).toBe(600_000);
    expect(deps.recorded.summaries.join('')).toContain('✅ Container deploy: green live, shop-blue removed');
  });

  it('keeps the previous color when it is live again after cleanup-after (a rollback by hand)', async () => {
    const deps = testDeps(engine, () => answering(...Array(10).fill('green'), 'blue'));
    await expect(runPost({ inputs, started: 'shop-green' }, deps)).rejects.toThrow(
      /^green was live, but after cleanup-after blue is \(10 answers, all from blue at .*\): shop-blue was kept/,
    );
    expect([...engine.containers.keys()].sort()).toEqual(['shop-blue', 'shop-green']);
  });

  it('removes nothing when the answers do not agree, and says which to remove by hand', async () => {
    const deps = testDeps(engine, () => answering('green', undefined));
    await expect(runPost({ inputs, started: 'shop-green' }, deps)).rejects.toThrow(
      'could not tell which color is live at https://shop.example.com/version (2 answers: green 1, no answer 1), ' +
        'so no container was removed: shop-blue and shop-green both stay; remove the one the proxy does not send ' +
        'traffic to by hand',
    );
    expect(engine.calls).toEqual([]);
  });

  it('leaves alone a previous container it did not start, and does nothing when main started nothing', async () => {
    engine.containers.get('shop-blue')!.labels = {};
    const deps = testDeps(engine, () => answering('green'));
    await runPost({ inputs: { ...inputs, cleanupAfterMs: 0 }, started: 'shop-green' }, deps);
    expect(deps.recorded.summaries.join('')).toContain('shop-blue was kept: container-deploy did not start it');

    await runPost({ inputs, started: undefined }, deps);
    expect(engine.calls).toEqual([]);
  });
});

describe('readLiveColor', () => {
  it('needs ten answers from one color, and stops at the first that differs', async () => {
    expect(await readLiveColor(answering('blue'))).toEqual({ live: 'blue', evidence: '10 answers, all from blue' });
    expect(await readLiveColor(answering('blue', 'blue', 'nope'))).toEqual({
      evidence: '3 answers: blue 2, another color 1',
    });
  });
});
