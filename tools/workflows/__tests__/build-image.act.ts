// The image workflow under act, called as a user's repository calls it, against a private Docker engine and a real
// registry on loopback: the sample service is built, pushed, and its digest given back; the digest pulls and runs.
// act cannot fetch Docker's actions, so the three run as stand-ins that do their job with the real engine
// (support/docker-actions/README.md says what they leave out). Trivy cannot be had here (its release download and
// its vulnerability database are out of reach), so the scan job must fail, and no deploy may start. The digests such
// runs give back are then deployed by deploy-blue-green.yml in container mode, as the sample pipeline does, behind a
// real HAProxy: a good release is switched to and the old color's container removed after cleanup-after; a bad one is
// caught by the watch and switched back while wrk holds load, with no failed request, and its container removed.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  buildSampleImage,
  colorsAt,
  freePort,
  nodeBaseImage,
  pushImage,
  requireBinary,
  startDockerEngine,
  startDockerRegistry,
  startHaproxy,
  startProcess,
  waitFor,
  wrkFigures,
  type DockerEngine,
  type DockerRegistry,
  type HaproxyHandle,
} from '@actions-kit/testkit';
import { callerWorkflow, commitAll, git, root, runAct, sampleVariant, type ActRun } from './support/act.js';

jest.setTimeout(240_000);

const STAND_INS = path.join(root, 'tools/workflows/__tests__/support/docker-actions');
const DOCKER_ACTIONS = Object.fromEntries(
  ['setup-buildx-action', 'metadata-action', 'build-push-action'].map((name) => [
    `docker/${name}`,
    path.join(STAND_INS, name),
  ]),
);

let dir: string;
let engine: DockerEngine;
let registry: DockerRegistry;
let base: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'act-image-'));
  engine = await startDockerEngine(path.join(dir, 'e'));
  registry = await startDockerRegistry(dir);
  base = await nodeBaseImage(engine);
});

afterAll(async () => {
  await engine?.stop(); // removes every container it ran
  await registry?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** A fresh caller repository `name`: the clean sample service and `workflow` as its only workflow, committed. */
function callerRepository(name: string, workflow: string, message: string): string {
  const repo = path.join(dir, name);
  sampleVariant('clean', repo);
  mkdirSync(path.join(repo, '.github/workflows'), { recursive: true });
  writeFileSync(path.join(repo, '.github/workflows/caller.yml'), workflow);
  commitAll(repo, message);
  mkdirSync(path.join(dir, `${name}-act`));
  return repo;
}

/** Runs the caller of build-image.yml on the clean sample service, pushing to `image` the release `release`. */
async function buildImage(
  name: string,
  image: string,
  release: { version: string; release: 'good' | 'bad' } = { version: '1.3.0', release: 'good' },
): Promise<ActRun & { repo: string; deployed: string }> {
  const deployed = path.join(dir, `${name}-deployed`);
  const workflow = callerWorkflow('build-image', {
    IMAGE: image,
    BASE_IMAGE: base,
    VERSION: release.version,
    RELEASE: release.release,
    DEPLOYED_FILE: deployed,
  });
  const repo = callerRepository(name, workflow, `sample service ${release.version}`);
  const actDir = path.join(dir, `${name}-act`);
  const run = await runAct({ repo, dir: actDir, actions: DOCKER_ACTIONS, env: engine.env as Record<string, string> });
  return { ...run, repo, deployed };
}

describe('build-image.yml under act, a private Docker engine and a registry on loopback', () => {
  it('builds and pushes the sample, gives back its digest, which pulls and runs; without Trivy nothing deploys', async () => {
    const image = `${registry.address}/sample-service`;
    const run = await buildImage('good', image);

    if (run.jobs['build'] !== 'success') {
      throw new Error(`the build job ended ${String(run.jobs['build'])}; act's log ends:\n${run.log.slice(-8000)}`);
    }
    const short = git(run.repo, 'rev-parse', '--short=7', 'HEAD');
    const pushed = run.outputs['build.pushed']!;
    expect(pushed['image']).toMatch(new RegExp(`^${image.replace(/\./g, '\\.')}@sha256:[0-9a-f]{64}$`));
    expect(pushed['image']).toBe(`${image}@${pushed['digest']}`);
    // The tags metadata-action gave reached the push, and build-image.yml's cache and attestation inputs reached it.
    const tags = await (await fetch(`http://${registry.address}/v2/sample-service/tags/list`)).json();
    expect(tags).toEqual({ name: 'sample-service', tags: expect.arrayContaining(['main', `sha-${short}`]) });
    expect(run.log).toContain(
      `cache-from=type=gha,scope=${image} cache-to=type=gha,mode=max,scope=${image} sbom=true provenance=mode=max`,
    );
    expect(run.log).toContain(`## Image: ✅ built and pushed\n\n\`${pushed['image']}\` is the release`);
    expect(run.log).toContain('build-image: no registry-password and no GITHUB_TOKEN');

    // The scan cannot run here: the job fails, saying why, and the caller's deploy never starts.
    expect(run.jobs['scan']).toBe('failure');
    expect(run.log).toContain(
      `build-image: ${pushed['image']} was not passed: Trivy could not be installed (the install step says why), so ` +
        'the image was not scanned. No deploy of this run will start.',
    );
    expect(run.jobs['deploy']).toBeUndefined();
    expect(existsSync(run.deployed)).toBe(false);

    // The digest is the release: a clean engine state pulls it by digest alone and runs it.
    await engine.docker(['image', 'rm', '--force', `${image}:main`, `${image}:sha-${short}`]);
    await engine.docker(['pull', '--quiet', pushed['image']!]);
    const port = await freePort();
    await engine.docker([
      'run',
      '--detach',
      '--name',
      'sample-pulled',
      '--network',
      'host',
      '--env',
      `PORT=${port}`,
      pushed['image']!,
    ]);
    try {
      let version: unknown;
      await waitFor(`the pulled image on port ${port}`, async () => {
        version = await (await fetch(`http://127.0.0.1:${port}/version`)).json();
        return true;
      });
      expect(version).toEqual({ color: 'blue', version: '1.3.0', release: 'good' });
    } finally {
      await engine.docker(['rm', '--force', 'sample-pulled']);
    }
  });

  it('fails the build with a clear error when the registry is down during the push, and nothing deploys', async () => {
    const image = `127.0.0.1:${await freePort()}/sample-service`; // nothing listens there
    const run = await buildImage('registry-down', image);

    expect(run.jobs).toEqual({ build: 'failure' }); // no scan, no deploy
    expect(run.outputs['build.pushed']).toBeUndefined();
    // What the workflow's own step says after the failure; a failing step's last lines can miss act's log.
    expect(run.log).toContain(
      `build-image: ${image} was not pushed: the build or its push to ${image.split('/')[0]} failed (the build ` +
        "step's log says which). No deploy of this run will start.",
    );
    expect(existsSync(run.deployed)).toBe(false);
  });
});

describe('the digests build-image.yml pushed, deployed blue-green as containers behind HAProxy', () => {
  let haproxy: HaproxyHandle;
  let ports: { blue: number; green: number };

  /** The host as container-deploy leaves it: `color`'s container from `image`, labelled as its own. */
  async function startColor(color: 'blue' | 'green', image: string, version: string): Promise<void> {
    const labels = { service: 'sample-service', color };
    await engine.docker([
      ...['run', '--detach', '--name', `sample-service-${color}`, '--network', 'host'],
      ...['--env', `PORT=${ports[color]}`, '--env', `COLOR=${color}`],
      ...Object.entries(labels).flatMap(([key, value]) => ['--label', `io.github.actions-kit.${key}=${value}`]),
      ...['--label', `org.opencontainers.image.version=${version}`, image],
    ]);
    const health = `http://127.0.0.1:${ports[color]}/healthz`;
    await waitFor(`sample-service-${color}`, async () => (await fetch(health)).ok, 30_000);
  }

  /** The digest act's build-image run pushed for `release`; fails with the end of act's log when there is none. */
  async function pushedWithAct(name: string, release: { version: string; release: 'good' | 'bad' }) {
    const run = await buildImage(name, `${registry.address}/sample-service`, release);
    const image = run.outputs['build.pushed']?.['image'];
    if (run.jobs['build'] !== 'success' || !image) {
      throw new Error(`the build job ended ${String(run.jobs['build'])}; act's log ends:\n${run.log.slice(-8000)}`);
    }
    return image;
  }

  /** Runs the deploy caller for `image` with a watch of `watch` and the old color kept for `cleanupAfter`. */
  async function deployWithAct(name: string, image: string, watch: string, cleanupAfter: string) {
    const workflow = callerWorkflow('deploy-image', {
      IMAGE: image,
      CLEANUP_AFTER: cleanupAfter,
      BLUE_PORT: String(ports.blue),
      GREEN_PORT: String(ports.green),
      LIVE_URL: haproxy.url,
      WATCH: watch,
      HAPROXY_SOCKET: haproxy.socket,
    });
    const repo = callerRepository(name, workflow, `deploy ${image}`);
    return runAct({ repo, dir: path.join(dir, `${name}-act`), env: engine.env as Record<string, string> });
  }

  const imageOf = async (color: string) =>
    (await engine.docker(['container', 'inspect', '--format', '{{.Config.Image}}', `sample-service-${color}`])).trim();
  const containers = async () =>
    (await engine.docker(['ps', '--all', '--format', '{{.Names}}'])).split('\n').filter(Boolean).sort();
  const versionAt = async (url: string) => (await fetch(`${url}version`, { headers: { connection: 'close' } })).json();

  beforeAll(async () => {
    requireBinary('wrk');
    ports = { blue: await freePort(), green: await freePort() };
    // The host as it was before: 1.0.0 live on blue, green idle with no container.
    const tag = `${registry.address}/sample-service:1.0.0`;
    await buildSampleImage(engine, { tag, version: '1.0.0' });
    await startColor('blue', await pushImage(engine, tag), '1.0.0');
    haproxy = await startHaproxy(dir, ports);
  });

  afterAll(async () => {
    await haproxy?.stop();
  });

  it('deploys a good release by digest to the idle color, switches, and removes the old color after cleanup-after', async () => {
    const image = await pushedWithAct('release-good', { version: '1.1.0', release: 'good' });

    const run = await deployWithAct('deploy-good', image, '2s', '3s');

    if (run.jobs['deploy'] !== 'success') {
      throw new Error(`the deploy job ended ${String(run.jobs['deploy'])}; act's log ends:\n${run.log.slice(-8000)}`);
    }
    expect(run.outputs['deploy.live']).toMatchObject({ previous: 'blue', target: 'green' });
    expect(run.log).toContain('Deploy to production: ✅ deployed');
    expect(await imageOf('green')).toBe(image); // the digest itself, never a tag
    expect(await colorsAt(haproxy.url)).toEqual(['green']);
    expect(await versionAt(haproxy.url)).toEqual({ color: 'green', version: '1.1.0', release: 'good' });
    // The post step kept blue for cleanup-after, read the live color again, and removed it.
    expect(run.log).toMatch(
      /container-deploy post: green is live; sample-service-blue stays for cleanup-after \(3\.0 s\)[^]*container-deploy post: sample-service-blue was stopped and removed/,
    );
    expect(await containers()).toEqual(['sample-service-green']);
  });

  it('catches a bad image in the watch and switches back, with no failed request through HAProxy', async () => {
    const image = await pushedWithAct('release-bad', { version: '1.2.0', release: 'bad' });
    // Keep-alive load on the service's main path for the whole deploy; stopped (SIGINT: it prints its report) after.
    const wrk = startProcess('wrk', ['-t1', '-c4', '-d180s', '--timeout', '2s', haproxy.url], { cwd: dir });

    const run = await deployWithAct('deploy-bad', image, '20s', '3s');
    wrk.child.kill('SIGINT');
    await wrk.exited;
    const load = wrkFigures(wrk.output());

    expect(run.jobs).toEqual({ deploy: 'failure' });
    expect(run.outputs['deploy.live']).toMatchObject({ previous: 'green', target: 'blue' });
    expect(run.outputs['deploy.watch']).toMatchObject({ healthy: 'false', 'rolled-back': 'true' });
    expect(run.log).toContain('Deploy to production: ❌ rolled back');
    expect(await colorsAt(haproxy.url)).toEqual(['green']);
    expect(await containers()).toEqual(['sample-service-green']); // the bad release's container removed at once
    expect(await versionAt(haproxy.url)).toEqual({ color: 'green', version: '1.1.0', release: 'good' });
    console.log(
      `wrk through HAProxy during the bad image's deploy, switch, watch and rollback: ${load.requests} requests ` +
        `(${load.perSecond}/s), ${load.failed} failed (${load.failures})`,
    );
    expect(load.requests).toBeGreaterThan(0);
    expect(load.failed).toBe(0);
  });
});
