// The image workflow under act, called as a user's repository calls it, against a private Docker engine and a real
// registry on loopback: the sample service is built, pushed, and its digest given back; the digest pulls and runs.
// act cannot fetch Docker's actions, so the three run as stand-ins that do their job with the real engine
// (support/docker-actions/README.md says what they leave out). Trivy cannot be had here (its release download and
// its vulnerability database are out of reach), so the scan job must fail, and no deploy may start.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  freePort,
  nodeBaseImage,
  startDockerEngine,
  startDockerRegistry,
  waitFor,
  type DockerEngine,
  type DockerRegistry,
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
  await engine?.stop();
  await registry?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Runs the caller of build-image.yml on a fresh copy of the clean sample service, pushing to `image`. */
async function buildImage(name: string, image: string): Promise<ActRun & { repo: string; deployed: string }> {
  const repo = path.join(dir, name);
  sampleVariant('clean', repo);
  mkdirSync(path.join(repo, '.github/workflows'), { recursive: true });
  const deployed = path.join(dir, `${name}-deployed`);
  const workflow = callerWorkflow('build-image', { IMAGE: image, BASE_IMAGE: base, DEPLOYED_FILE: deployed });
  writeFileSync(path.join(repo, '.github/workflows/build-image.yml'), workflow);
  commitAll(repo, 'sample service 1.3.0');
  const actDir = path.join(dir, `${name}-act`);
  mkdirSync(actDir);
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
    expect(run.log).toMatch(/trivy 0\.62\.1: not on PATH and \S+ could not be downloaded: the image cannot be scanned/);
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
    expect(run.log).toMatch(new RegExp(`docker push ${image.replace(/\./g, '\\.')}:\\S+ failed`));
    expect(run.log).toContain('connection refused');
    expect(run.log).toContain(
      `build-image: ${image} was not pushed: the build or its push to ${image.split('/')[0]} failed (the build ` +
        "step's log says which). No deploy of this run will start.",
    );
    expect(existsSync(run.deployed)).toBe(false);
  });
});
